// A valid publiccode.yml that tests edit line by line (shared by the publiccode rule and version tests).

export const LONG = 'Medusa helps hospitals manage bookings: patients book visits online and get reminders, staff plan agendas, rooms and waiting lists, and every department sees its own schedule in one place.';

/** A valid publiccode.yml; `version` is the text after publiccodeYmlVersion, `extra` is appended. */
export const samplePubliccode = (version: string, extra = '') => `publiccodeYmlVersion: ${version}
name: Medusa
url: "https://github.com/example/medusa.git"
platforms:
  - web
developmentStatus: stable
softwareType: "standalone/web"
description:
  en:
    shortDescription: Booking system for hospitals
    longDescription: >
      ${LONG}
    features:
      - Online booking
legal:
  license: AGPL-3.0-or-later
maintenance:
  type: community
  contacts:
    - name: Francesco Rossi
localisation:
  localisationReady: true
  availableLanguages:
    - en
${extra}`;
