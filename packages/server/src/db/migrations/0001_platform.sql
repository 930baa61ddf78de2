-- Huoma platform schema: organisation model, service tasks, roles, staff users and the client registry core.
-- Runs unchanged on PostgreSQL 15+ and on PGlite (PostgreSQL 18 in WASM). Keep to the PostgreSQL 15 subset.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS pgcrypto;

-- Organisation (järjestäjä: municipality or wellbeing services county)
CREATE TABLE organisation (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name          text NOT NULL,
  business_id   text NOT NULL UNIQUE,            -- Y-tunnus, e.g. 1234567-1
  oid           text UNIQUE,                     -- organisation OID (1.2.246.10.<Y-tunnus>...)
  municipality_code text,                        -- kuntanumero (3 digits)
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- Units (toimintayksikkö)
CREATE TABLE unit (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  code            text NOT NULL,
  name_fi         text NOT NULL,
  name_sv         text NOT NULL,
  oid             text UNIQUE,
  cost_centre     text,
  active          boolean NOT NULL DEFAULT true,
  UNIQUE (organisation_id, code)
);

-- Service tasks (palvelutehtävä): each partitions client data into its own register.
CREATE TABLE service_task (
  code      text PRIMARY KEY,
  name_fi   text NOT NULL,
  name_sv   text NOT NULL,
  name_en   text NOT NULL,
  sort_order integer NOT NULL
);

INSERT INTO service_task (code, name_fi, name_sv, name_en, sort_order) VALUES
  ('adult_social_work',      'Aikuisten sosiaalityö',                  'Socialt arbete för vuxna',                 'Adult social work', 10),
  ('income_support',         'Toimeentulotuki',                        'Utkomststöd',                              'Income support', 20),
  ('child_welfare',          'Lastensuojelu',                          'Barnskydd',                                'Child welfare', 30),
  ('family_services',        'Lapsiperheiden sosiaalipalvelut',        'Socialservice för barnfamiljer',           'Families'' social services', 40),
  ('disability_services',    'Vammaispalvelut',                        'Handikappservice',                         'Disability services', 50),
  ('substance_mental_health','Päihde- ja mielenterveystyö',            'Missbruks- och mentalvårdsarbete',         'Substance abuse and mental health', 60),
  ('child_maintenance',      'Lastenvalvoja',                          'Barnatillsyningsman',                      'Child maintenance supervisor', 70),
  ('client_fees',            'Asiakasmaksut',                          'Klientavgifter',                           'Client fees', 80);

-- Roles: what a grant lets its holder do is defined in code (the action catalogue); the role rows are data so
-- grants can reference them and the main user can see their descriptions.
CREATE TABLE role (
  code      text PRIMARY KEY,
  name_fi   text NOT NULL,
  name_sv   text NOT NULL,
  name_en   text NOT NULL,
  client_content boolean NOT NULL   -- whether the role may ever see client content (main user and statistician may not)
);

INSERT INTO role (code, name_fi, name_sv, name_en, client_content) VALUES
  ('social_worker',     'Sosiaalityöntekijä',     'Socialarbetare',          'Social worker', true),
  ('social_counsellor', 'Sosiaaliohjaaja',        'Socialhandledare',        'Social counsellor', true),
  ('benefit_handler',   'Etuuskäsittelijä',       'Förmånshandläggare',      'Benefit handler', true),
  ('office_secretary',  'Toimistosihteeri',       'Byråsekreterare',         'Office secretary', true),
  ('supervisor',        'Esihenkilö',             'Förman',                  'Supervisor', true),
  ('main_user',         'Pääkäyttäjä',            'Huvudanvändare',          'Main user', false),
  ('data_protection_officer', 'Tietosuojavastaava', 'Dataskyddsansvarig',    'Data protection officer', true),
  ('finance',           'Talous',                 'Ekonomi',                 'Finance', true),
  ('statistician',      'Tilastot',               'Statistik',               'Statistician', false);

-- Staff users
CREATE TABLE staff_user (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username        text NOT NULL UNIQUE CHECK (username = lower(username) AND length(username) BETWEEN 2 AND 100),
  display_name    text NOT NULL,
  email           text,
  language        text NOT NULL DEFAULT 'fi' CHECK (language IN ('fi', 'sv', 'en')),
  password_hash   text,
  password_changed_at timestamptz,
  active          boolean NOT NULL DEFAULT true,
  deactivated_at  timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  version         integer NOT NULL DEFAULT 1
);

-- A grant = user x role x unit x service tasks x validity (substitutes get an end date).
CREATE TABLE staff_grant (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES staff_user(id),
  role_code     text NOT NULL REFERENCES role(code),
  unit_id       uuid NOT NULL REFERENCES unit(id),
  service_tasks text[] NOT NULL DEFAULT '{}',
  valid_from    date NOT NULL,
  valid_until   date,
  requested_by  uuid REFERENCES staff_user(id),
  granted_by    uuid REFERENCES staff_user(id),
  ended_at      timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_until IS NULL OR valid_until >= valid_from)
);
CREATE INDEX staff_grant_user_idx ON staff_grant (user_id);

-- Persons (client registry). Identity is the full henkilötunnus including its century sign:
-- 010190-999W and 010190Y999W are different people.
CREATE TABLE person (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hetu             text UNIQUE,                 -- henkilötunnus, canonical upper-case form
  temporary_id     text UNIQUE,                 -- organisation-issued id for persons without a hetu
  first_names      text NOT NULL,
  last_name        text NOT NULL,
  calling_name     text,
  birth_date       date,
  sex              text CHECK (sex IN ('male', 'female')),
  death_date       date,
  native_language  text,                        -- ISO 639-1 (fi, sv, ru, ...)
  service_language text NOT NULL DEFAULT 'fi' CHECK (service_language IN ('fi', 'sv', 'other')),
  marital_status   text,
  municipality_code text,                       -- kotikunta
  turvakielto      boolean NOT NULL DEFAULT false,
  phone            text,
  email            text,
  iban             text,
  bic              text,
  search_name      text NOT NULL,               -- folded "last_name first_names" for diacritic-insensitive search
  vtj_checked_at   timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  version          integer NOT NULL DEFAULT 1,
  CHECK (hetu IS NOT NULL OR temporary_id IS NOT NULL)
);
CREATE INDEX person_search_name_trgm ON person USING gin (search_name gin_trgm_ops);
CREATE INDEX person_search_name_prefix ON person (search_name text_pattern_ops);
CREATE INDEX person_birth_date_idx ON person (birth_date);

-- Addresses with validity. Under turvakielto the permanent/temporary addresses are protected and the
-- contact address (yhteysosoite) is the one used for mail.
CREATE TABLE person_address (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id     uuid NOT NULL REFERENCES person(id),
  kind          text NOT NULL CHECK (kind IN ('permanent', 'temporary', 'postal', 'contact')),
  street        text NOT NULL,
  postal_code   text NOT NULL,
  post_office   text NOT NULL,
  municipality_code text,
  country       text NOT NULL DEFAULT 'FI',
  valid_from    date,
  valid_until   date
);
CREATE INDEX person_address_person_idx ON person_address (person_id);

-- Family relations (guardianship, parent-child, spouse/cohabitant) with dates.
CREATE TABLE person_relation (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id     uuid NOT NULL REFERENCES person(id),
  related_id    uuid NOT NULL REFERENCES person(id),
  kind          text NOT NULL CHECK (kind IN ('parent', 'guardian', 'spouse', 'cohabitant')),
  valid_from    date,
  valid_until   date,
  CHECK (person_id <> related_id)
);
CREATE INDEX person_relation_person_idx ON person_relation (person_id);
CREATE INDEX person_relation_related_idx ON person_relation (related_id);

-- Household (ruokakunta) composition with dates; income support reads households from here.
CREATE TABLE household (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE household_member (
  household_id uuid NOT NULL REFERENCES household(id),
  person_id    uuid NOT NULL REFERENCES person(id),
  valid_from   date NOT NULL,
  valid_until  date,
  PRIMARY KEY (household_id, person_id, valid_from)
);
CREATE INDEX household_member_person_idx ON household_member (person_id);
