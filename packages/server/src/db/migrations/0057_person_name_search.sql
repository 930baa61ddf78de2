-- Name search at a million persons (issue 16): every query of the search stops inside an index or stays small.
-- * A typed word starting any word of the folded key "surname first names" ("aino" for "virtanen aino maria"):
--   the whole-key prefix index (0001) serves the first word as typed, these the first to fifth by position, each a
--   btree range (or, for the words like a typo, a list of equalities) that a capped count can stop in. The trigram
--   GIN of 0001 answered the same with a bitmap of every person sharing the word's trigrams (~150 ms for "aino" at
--   1 M persons), so it goes.
-- * Typos: the words of the register's names, each once (`person_name_word`, a few thousand rows however many
--   persons), with a trigram GiST: a typed word is looked up there (nearest first), and the persons through the
--   position indexes by the words found. A GiST over the persons' keys themselves had to read nearly all of its
--   pages for one nearest-first scan at 1 M (its inner signatures are saturated), ~2 s.
CREATE INDEX person_search_word1 ON person ((split_part(search_name, ' ', 1)) text_pattern_ops);
CREATE INDEX person_search_word2 ON person ((split_part(search_name, ' ', 2)) text_pattern_ops);
CREATE INDEX person_search_word3 ON person ((split_part(search_name, ' ', 3)) text_pattern_ops);
CREATE INDEX person_search_word4 ON person ((split_part(search_name, ' ', 4)) text_pattern_ops);
CREATE INDEX person_search_word5 ON person ((split_part(search_name, ' ', 5)) text_pattern_ops);
DROP INDEX person_search_name_trgm;

-- Words only, with no link to any person; kept by the trigger below as names are written.
CREATE TABLE person_name_word (
  word text PRIMARY KEY
);
INSERT INTO person_name_word (word)
  SELECT DISTINCT w FROM person, unnest(string_to_array(search_name, ' ')) AS w WHERE w <> '';
CREATE INDEX person_name_word_trgm ON person_name_word USING gist (word gist_trgm_ops);

CREATE FUNCTION person_name_word_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO person_name_word (word)
    SELECT DISTINCT w FROM unnest(string_to_array(NEW.search_name, ' ')) AS w WHERE w <> ''
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
CREATE TRIGGER person_name_word_add AFTER INSERT OR UPDATE OF search_name ON person
  FOR EACH ROW EXECUTE FUNCTION person_name_word_add();
