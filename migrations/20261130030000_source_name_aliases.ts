import { type Kysely, sql } from 'kysely';

// Outlets and agencies by the names people type (issue #13 point 10): "AFP" finds articles
// stored with agency "Agence France-Presse" and the other way round; "NYT" finds The New
// York Times; a prefix of any name or alias matches ("Assoc" finds Associated Press).
//
// - source_name_key(name): the key names are matched by, in SQL so that triggers, filters
//   and autocomplete share it: accents, case, punctuation and a leading "the" folded away
//   (as speakers' normalizeAlias does in src/speakers/speakers.ts).
// - outlets.name_key: that key of the outlet's name (kept by a trigger).
// - agency_names: every agency text stored on an article, with its key (kept by a trigger
//   on articles), so filters and suggestions read this small table, never all articles.
// - source_aliases: names of one news organization, grouped by its canonical name, per kind
//   ('outlet' or 'agency'); an alias belongs to one group of its kind.
//
// Seed list: the major international and national news agencies and a few widely
// abbreviated outlets, with the names and abbreviations they publish under. Reference:
// Wikipedia, "List of news agencies" (https://en.wikipedia.org/wiki/List_of_news_agencies)
// and the agencies' own "about" pages; check an addition there first.

export const AGENCIES: [canonical: string, ...aliases: string[]][] = [
  ['Agence France-Presse', 'AFP'],
  ['Associated Press', 'AP', 'AP News'],
  ['Reuters', 'Thomson Reuters', 'Reuters News'],
  ['Deutsche Presse-Agentur', 'dpa'],
  ['Agenzia Nazionale Stampa Associata', 'ANSA'],
  ['Agencia EFE', 'EFE'],
  ['Xinhua News Agency', 'Xinhua', '新华社'],
  ['PA Media', 'PA', 'Press Association'],
  ['United Press International', 'UPI'],
  ['Kyodo News', 'Kyodo'],
  ['Bloomberg News', 'Bloomberg'],
  ['Jiji Press', 'Jiji'],
  ['Yonhap News Agency', 'Yonhap'],
  ['TASS', 'ITAR-TASS', 'Russian News Agency TASS'],
  ['RIA Novosti', 'RIA'],
  ['Interfax'],
  ['Anadolu Agency', 'Anadolu', 'AA', 'Anadolu Ajansı'],
  ['Press Trust of India', 'PTI'],
  ['Australian Associated Press', 'AAP'],
  ['Canadian Press', 'CP'],
  ['Austria Presse Agentur', 'APA'],
  ['Polish Press Agency', 'PAP', 'Polska Agencja Prasowa'],
  ['Algemeen Nederlands Persbureau', 'ANP'],
  ['Agência Lusa', 'Lusa'],
  ['Europa Press'],
  ['Belga', 'Agence Belga'],
  ['Central News Agency', 'CNA'],
  ['Antara', 'Antara News Agency'],
  ['Bernama', 'Malaysian National News Agency'],
  ['Middle East News Agency', 'MENA'],
  ['Agência Brasil'],
  ['Ukrinform'],
  ['Dow Jones Newswires', 'Dow Jones'],
];

export const OUTLETS: [canonical: string, ...aliases: string[]][] = [
  ['The New York Times', 'NYT', 'NY Times'],
  ['BBC News', 'BBC'],
  ['The Washington Post', 'WaPo'],
  ['The Wall Street Journal', 'WSJ'],
  ['The Guardian', 'Guardian News'],
  ['Financial Times', 'FT'],
  ['CNN', 'Cable News Network'],
  ['Los Angeles Times', 'LA Times'],
  ['Deutsche Welle', 'DW'],
  ['Radio France Internationale', 'RFI'],
  ['South China Morning Post', 'SCMP'],
  ['The Times of India', 'TOI'],
  ['Frankfurter Allgemeine Zeitung', 'FAZ'],
  ['Süddeutsche Zeitung', 'SZ'],
  ['Neue Zürcher Zeitung', 'NZZ'],
  ['National Public Radio', 'NPR'],
  ['Voice of America', 'VOA'],
  ['Radio Free Europe/Radio Liberty', 'RFE/RL'],
  ['Al Jazeera', 'Al Jazeera English'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // Separators: ASCII punctuation, Latin-1 punctuation and symbols, general punctuation and
  // CJK punctuation, spelt out rather than [^[:alnum:]], which under the C locale (PGlite)
  // would also drop every non-ASCII letter.
  await sql`
    create function source_name_key(name text) returns text language sql stable parallel safe as $$
      select regexp_replace(
        btrim(regexp_replace(lower(unaccent(coalesce(name, ''))), '[\\s!-/:-@\\[-\`{-~\\u00a0-\\u00bf\\u2010-\\u205e\\u3000-\\u303f]+', ' ', 'g')),
        '^the ', '')
    $$`.execute(db);

  await sql`alter table outlets add column name_key text`.execute(db);
  await sql`update outlets set name_key = source_name_key(name)`.execute(db);
  await sql`alter table outlets alter column name_key set not null`.execute(db);
  await sql`create index outlets_name_key on outlets (name_key text_pattern_ops)`.execute(db);
  await sql`
    create function outlets_set_name_key() returns trigger language plpgsql as $$
    begin
      new.name_key := source_name_key(new.name);
      return new;
    end $$`.execute(db);
  await sql`
    create trigger outlets_name_key before insert or update of name on outlets
    for each row execute function outlets_set_name_key()`.execute(db);

  await sql`
    create table agency_names (
      name text primary key,
      name_key text not null
    )`.execute(db);
  await sql`create index agency_names_key on agency_names (name_key text_pattern_ops)`.execute(db);
  await sql`
    insert into agency_names (name, name_key)
    select distinct agency, source_name_key(agency) from articles where agency is not null`.execute(db);
  await sql`
    create function agency_names_add() returns trigger language plpgsql as $$
    begin
      insert into agency_names (name, name_key)
      select distinct n.agency, source_name_key(n.agency) from new_articles n where n.agency is not null
      on conflict (name) do nothing;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger articles_agency_names_insert after insert on articles
    referencing new table as new_articles
    for each statement execute function agency_names_add()`.execute(db);
  await sql`
    create trigger articles_agency_names_update after update on articles
    referencing new table as new_articles
    for each statement execute function agency_names_add()`.execute(db);

  await sql`
    create table source_aliases (
      id integer generated always as identity primary key,
      kind text not null check (kind in ('outlet', 'agency')),
      canonical text not null check (length(btrim(canonical)) between 1 and 200),
      alias text not null check (length(btrim(alias)) between 1 and 200),
      alias_key text not null,
      unique (kind, alias_key)
    )`.execute(db);
  await sql`create index source_aliases_group on source_aliases (kind, canonical)`.execute(db);
  await sql`create index source_aliases_key_prefix on source_aliases (kind, alias_key text_pattern_ops)`.execute(db);
  await sql`
    create function source_aliases_set_key() returns trigger language plpgsql as $$
    begin
      new.alias_key := source_name_key(new.alias);
      return new;
    end $$`.execute(db);
  await sql`
    create trigger source_aliases_key before insert or update of alias on source_aliases
    for each row execute function source_aliases_set_key()`.execute(db);

  const rows = [
    ...AGENCIES.flatMap(([canonical, ...aliases]) => [canonical, ...aliases].map((alias) => ({ kind: 'agency', canonical, alias }))),
    ...OUTLETS.flatMap(([canonical, ...aliases]) => [canonical, ...aliases].map((alias) => ({ kind: 'outlet', canonical, alias }))),
  ];
  await sql`
    insert into source_aliases (kind, canonical, alias, alias_key)
    select r.kind, r.canonical, r.alias, '' from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(kind text, canonical text, alias text)
    on conflict (kind, alias_key) do nothing`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists source_aliases`.execute(db);
  await sql`drop function if exists source_aliases_set_key()`.execute(db);
  await sql`drop trigger if exists articles_agency_names_insert on articles`.execute(db);
  await sql`drop trigger if exists articles_agency_names_update on articles`.execute(db);
  await sql`drop function if exists agency_names_add()`.execute(db);
  await sql`drop table if exists agency_names`.execute(db);
  await sql`drop trigger if exists outlets_name_key on outlets`.execute(db);
  await sql`drop function if exists outlets_set_name_key()`.execute(db);
  await sql`alter table outlets drop column if exists name_key`.execute(db);
  await sql`drop function if exists source_name_key(text)`.execute(db);
}
