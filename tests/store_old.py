# store_old.py — shared by the store tests that build stores of older schemas: the tables a schema change replaced.
def entities_before_13(c):
    """article_entities as a table keyed (article, entity) with an index by entity, no entity_articles and no
    entity_rows column (the shape before schema 13); 'c' is an sqlite3 connection inside a transaction."""
    c.execute('CREATE TABLE old_ae(article INTEGER NOT NULL, entity INTEGER NOT NULL, n_mentions INTEGER, role TEXT,'
              ' PRIMARY KEY(article, entity)) WITHOUT ROWID')
    c.execute('INSERT INTO old_ae SELECT article, entity, n_mentions, role FROM article_entities')
    c.execute('DROP VIEW article_entities'); c.execute('ALTER TABLE old_ae RENAME TO article_entities')
    c.execute('CREATE INDEX article_entities_entity ON article_entities(entity)')
    c.execute('DROP TABLE entity_articles'); c.execute('ALTER TABLE articles DROP COLUMN entity_rows')
