import { defineFieldMessages } from '../../http/problem'

/** Field messages of attachments (liitteet), codes `attachments.*`. */
export const fieldMessages = defineFieldMessages({
  fi: {
    'attachments.file.missing': 'Valitse lähetettävä tiedosto.',
    'attachments.file.empty': 'Tiedosto on tyhjä.',
    'attachments.file.tooMany': 'Lähetä yksi tiedosto kerrallaan.',
    'attachments.file.broken': 'Tiedoston lähetys katkesi tai oli virheellinen. Lähetä tiedosto uudelleen.',
    'attachments.file.name': 'Tiedoston nimi ei kelpaa. Nimeä tiedosto uudelleen ja yritä sitten uudelleen.',
    'attachments.file.type': 'Vain PDF-, PNG-, JPEG- ja TIFF-tiedostot sekä tekstitiedostot (.txt) hyväksytään.',
    'attachments.file.disguised':
      'Tiedoston sisältö ei vastaa sen nimeä tai tyyppiä (sisältö on {actual}, nimi tai tyyppi kertoo {claimed}). Tiedostoa ei tallennettu.',
    'attachments.documentType.missing': 'Valitse, mikä asiakirja liite on.',
    'attachments.documentType.unknown': 'Valittua asiakirjatyyppiä ei ole. Valitse tyyppi luettelosta.',
    'attachments.journalEntry.unknown': 'Valittua asiakaskertomuksen merkintää ei löydy tämän asiakkaan tästä palvelutehtävästä.',
    'attachments.journalEntry.format': 'Asiakaskertomuksen merkinnän tunniste ei kelpaa.',
  },
  sv: {
    'attachments.file.missing': 'Välj filen som ska skickas.',
    'attachments.file.empty': 'Filen är tom.',
    'attachments.file.tooMany': 'Skicka en fil i taget.',
    'attachments.file.broken': 'Filen kom inte fram hel eller var felaktigt skickad. Skicka filen igen.',
    'attachments.file.name': 'Filens namn duger inte. Byt namn på filen och försök sedan igen.',
    'attachments.file.type': 'Endast PDF-, PNG-, JPEG- och TIFF-filer samt textfiler (.txt) godkänns.',
    'attachments.file.disguised':
      'Filens innehåll motsvarar inte dess namn eller typ (innehållet är {actual}, namnet eller typen anger {claimed}). Filen sparades inte.',
    'attachments.documentType.missing': 'Välj vilken handling bilagan är.',
    'attachments.documentType.unknown': 'Den valda dokumenttypen finns inte. Välj en typ i listan.',
    'attachments.journalEntry.unknown': 'Den valda anteckningen i klientberättelsen finns inte för den här klienten i den här serviceuppgiften.',
    'attachments.journalEntry.format': 'Identifieraren för anteckningen i klientberättelsen duger inte.',
  },
  en: {
    'attachments.file.missing': 'Choose the file to send.',
    'attachments.file.empty': 'The file is empty.',
    'attachments.file.tooMany': 'Send one file at a time.',
    'attachments.file.broken': 'The upload was cut off or malformed. Send the file again.',
    'attachments.file.name': 'The file name is not acceptable. Rename the file and try again.',
    'attachments.file.type': 'Only PDF, PNG, JPEG and TIFF files and plain text files (.txt) are accepted.',
    'attachments.file.disguised':
      'The content of the file does not match its name or type (the content is {actual}, the name or type says {claimed}). The file was not saved.',
    'attachments.documentType.missing': 'Choose what kind of document the attachment is.',
    'attachments.documentType.unknown': 'The chosen document type does not exist. Choose a type from the list.',
    'attachments.journalEntry.unknown': 'The chosen journal entry does not exist for this client in this service task.',
    'attachments.journalEntry.format': 'The journal entry identifier is not valid.',
  },
})
