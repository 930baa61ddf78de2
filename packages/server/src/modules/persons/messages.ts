import { registerFieldMessages } from '../../http/problem'

/** Field messages for identifiers typed by users (codes `hetu.<HetuError>`). */
registerFieldMessages({
  fi: {
    'hetu.format': 'Henkilötunnuksen muoto on virheellinen (PPKKVV, välimerkki, yksilönumero ja tarkiste).',
    'hetu.date': 'Henkilötunnuksen syntymäaika ei ole todellinen päivämäärä.',
    'hetu.checksum': 'Henkilötunnuksen tarkistemerkki ei täsmää.',
    'hetu.individual_number': 'Henkilötunnuksen yksilönumero ei ole sallittu (000 ja 001 eivät ole käytössä).',
  },
  sv: {
    'hetu.format': 'Personbeteckningens format är felaktigt (DDMMÅÅ, skiljetecken, individnummer och kontrolltecken).',
    'hetu.date': 'Personbeteckningens födelsedatum är inte ett verkligt datum.',
    'hetu.checksum': 'Personbeteckningens kontrolltecken stämmer inte.',
    'hetu.individual_number': 'Personbeteckningens individnummer är inte tillåtet (000 och 001 används inte).',
  },
  en: {
    'hetu.format': 'The personal identity code has the wrong format (DDMMYY, century sign, individual number and check character).',
    'hetu.date': 'The birth date in the personal identity code is not a real date.',
    'hetu.checksum': 'The check character of the personal identity code does not match.',
    'hetu.individual_number': 'The individual number of the personal identity code is not allowed (000 and 001 are never issued).',
  },
})
