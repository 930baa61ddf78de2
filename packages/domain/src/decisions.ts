import { addDays, calendarDayDeadline, type LocalDate } from './calendar';

/**
 * Administrative decisions (hallintopäätös) of any service: how the client is notified (tiedoksianto) and how long
 * they may seek a change.
 */

/** How a decision reached the client (hallintolaki 434/2003 54–60 §). */
export type NotificationMethod = 'post' | 'in_person' | 'electronic';

/** How a decision may be challenged, as its type declares. */
export type AppealRoute =
  /** oikaisuvaatimus to the authority (e.g. the social welfare board's section), then an appeal to the court */
  | 'review_request'
  /** valitus directly to the administrative court (e.g. most child welfare decisions, LSL 89 §) */
  | 'administrative_court'
  /** a factual act or a preparatory step: no appeal */
  | 'none';

/**
 * The day the client is deemed to have received the decision: in person the day it was handed over; an ordinary
 * letter the **7th day** after it was sent (hallintolaki 59 § 2 mom); an electronic message the **3rd day** after
 * it was sent (laki sähköisestä asioinnista viranomaistoiminnassa 13/2003 19 §). Shown otherwise (e.g. a signed
 * receipt), the real day is recorded instead. Not moved past holidays: it is not a deadline.
 */
export function deemedNotificationDate(method: NotificationMethod, sentOn: LocalDate): LocalDate {
  switch (method) {
    case 'in_person':
      return sentOn;
    case 'post':
      return addDays(sentOn, 7);
    case 'electronic':
      return addDays(sentOn, 3);
  }
}

/**
 * The last day to request a review or to appeal: `days` (30) from the notification, the notification day not
 * counted, moved to the next working day when it ends on a weekend, a holiday or an eve (150/1930 2 § and 5 §;
 * hallintolaki 49 c §, hallintoprosessilaki 13 §).
 */
export function appealDeadline(notifiedOn: LocalDate, days = 30): LocalDate {
  return calendarDayDeadline(notifiedOn, days);
}
