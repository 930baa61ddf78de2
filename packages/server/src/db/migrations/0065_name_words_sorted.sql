-- The vocabulary of name words (0057) was kept by a row trigger: two transactions adding persons at once (the
-- population generator's parallel COPYs, two registrations) could each insert a new word the other had inserted
-- too, in opposite orders, and deadlock on the unique index. A statement trigger now adds each statement's new words
-- at once, sorted, so that concurrent statements take the words' locks in one order.
DROP TRIGGER person_name_word_add ON person;
DROP FUNCTION person_name_word_add();

CREATE FUNCTION person_name_words_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO person_name_word (word)
    SELECT DISTINCT w FROM changed_persons, unnest(string_to_array(changed_persons.search_name, ' ')) AS w
     WHERE w <> '' ORDER BY w
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
CREATE TRIGGER person_name_words_insert AFTER INSERT ON person
  REFERENCING NEW TABLE AS changed_persons FOR EACH STATEMENT EXECUTE FUNCTION person_name_words_add();
-- a transition table cannot go with a column list (UPDATE OF search_name): every update statement looks, and finds
-- the words already there unless a name changed
CREATE TRIGGER person_name_words_update AFTER UPDATE ON person
  REFERENCING NEW TABLE AS changed_persons FOR EACH STATEMENT EXECUTE FUNCTION person_name_words_add();
