-- Name search at a million persons (issue 16): every query of the search stops inside an index.
-- * A typed word starting any word of the folded key "surname first names" ("aino" for "virtanen aino maria"): the
--   whole-key prefix index (0001) serves the first word, these four the second to fifth, each a btree range that a
--   capped count can stop in. The trigram GIN of 0001 answered the same with a bitmap of every person sharing the
--   word's trigrams (~150 ms for "aino" at 1 M persons), so it goes.
-- * Typos: nearest first by word similarity (`search_name <->> key`), which a GiST trigram index can walk in
--   distance order and stop at the limit; GIN cannot order.
CREATE INDEX person_search_word2 ON person ((split_part(search_name, ' ', 2)) text_pattern_ops);
CREATE INDEX person_search_word3 ON person ((split_part(search_name, ' ', 3)) text_pattern_ops);
CREATE INDEX person_search_word4 ON person ((split_part(search_name, ' ', 4)) text_pattern_ops);
CREATE INDEX person_search_word5 ON person ((split_part(search_name, ' ', 5)) text_pattern_ops);
CREATE INDEX person_search_name_gist ON person USING gist (search_name gist_trgm_ops);
DROP INDEX person_search_name_trgm;
