import { useTranslation } from 'react-i18next'
import { characterCount } from '../lib/characters'
import { uiLocale } from '../lib/format'
import './patterns.css'

/**
 * The count of a text field's characters against the most the server takes, shown from the first character so the
 * limit is known before it bites; over the limit it says by how much, and the form refuses to save (the field is
 * never cut). Screen readers hear it through the field's `aria-describedby` (the id), not on every key stroke.
 */
export function CharacterCount({ id, value, max }: { id: string; value: string; max: number }) {
  const { t } = useTranslation()
  const count = characterCount(value)
  const over = count - max
  return (
    <p id={id} className={over > 0 ? 'character-count character-count-over' : 'character-count'}>
      {over > 0
        ? t('common.characterCount.over', { count: over, n: over.toLocaleString(uiLocale()), max: max.toLocaleString(uiLocale()) })
        : t('common.characterCount.left', { count: max - count, n: (max - count).toLocaleString(uiLocale()), max: max.toLocaleString(uiLocale()) })}
    </p>
  )
}
