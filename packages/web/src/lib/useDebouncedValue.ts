import { useEffect, useState } from 'react'

/**
 * The value as it was when it last stood still for `delay` ms: search as you type asks the server once the user
 * pauses, not on every key stroke (the booking picker's 250 ms).
 */
export function useDebouncedValue<T>(value: T, delay = 250): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay)
    return () => clearTimeout(timer)
  }, [value, delay])
  return settled
}
