-- Nothing to change on PostgreSQL, whose columns have their own types already: the SQLite
-- migration of this number gives SQLite's tables plain declared types.
SELECT 1;
