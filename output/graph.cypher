// actorgraph: loads graph.nodes.csv and graph.relationships.csv into Neo4j.
// Copy both files into Neo4j's import directory, then run
//   cypher-shell -u neo4j -p PASSWORD -f graph.cypher
// (or, for a new database: neo4j-admin database import full --multiline-fields=true
//   --nodes=graph.nodes.csv --relationships=graph.relationships.csv DATABASE).

CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE;

LOAD CSV WITH HEADERS FROM 'file:///graph.nodes.csv' AS row
MERGE (a:Actor {id: row.`id:ID(Actor)`})
SET
  a.`label` = row.`label`,
  a.`type` = row.`type`,
  a.`mentions` = toInteger(row.`mentions:int`),
  a.`importance` = toFloat(row.`importance:double`),
  a.`aliases` = CASE WHEN coalesce(row.`aliases:string[]`, '') = '' THEN [] ELSE split(row.`aliases:string[]`, ';') END,
  a.`documents` = CASE WHEN coalesce(row.`documents:string[]`, '') = '' THEN [] ELSE split(row.`documents:string[]`, ';') END,
  a.`country` = row.`country`,
  a.`roles` = CASE WHEN coalesce(row.`roles:string[]`, '') = '' THEN [] ELSE split(row.`roles:string[]`, ';') END,
  a.`wikidata` = row.`wikidata`
FOREACH (_ IN CASE WHEN row.type = 'person' THEN [1] ELSE [] END | SET a:Person)
FOREACH (_ IN CASE WHEN row.type = 'organization' THEN [1] ELSE [] END | SET a:Organization)
FOREACH (_ IN CASE WHEN row.type = 'country' THEN [1] ELSE [] END | SET a:Country)
FOREACH (_ IN CASE WHEN row.type = 'location' THEN [1] ELSE [] END | SET a:Location)
FOREACH (_ IN CASE WHEN row.type = 'group' THEN [1] ELSE [] END | SET a:Group)
;

LOAD CSV WITH HEADERS FROM 'file:///graph.relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'ACCUSED'
MATCH (s:Actor {id: row.`:START_ID(Actor)`}), (t:Actor {id: row.`:END_ID(Actor)`})
CREATE (s)-[r:ACCUSED]->(t)
SET
  r.id = row.id,
  r.`relation` = row.`relation`,
  r.`relation_kind` = row.`relation_kind`,
  r.`symmetric` = (row.`symmetric:boolean` = 'true'),
  r.`weight` = toInteger(row.`weight:int`),
  r.`first_date` = row.`first_date`,
  r.`last_date` = row.`last_date`,
  r.`cameo` = row.`cameo`,
  r.`goldstein` = toFloat(row.`goldstein:double`),
  r.`documents` = CASE WHEN coalesce(row.`documents:string[]`, '') = '' THEN [] ELSE split(row.`documents:string[]`, ';') END,
  r.`evidence` = CASE WHEN coalesce(row.`evidence`, '') = '' THEN [] ELSE split(row.`evidence`, '\n') END;

LOAD CSV WITH HEADERS FROM 'file:///graph.relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'ALLIED_WITH'
MATCH (s:Actor {id: row.`:START_ID(Actor)`}), (t:Actor {id: row.`:END_ID(Actor)`})
CREATE (s)-[r:ALLIED_WITH]->(t)
SET
  r.id = row.id,
  r.`relation` = row.`relation`,
  r.`relation_kind` = row.`relation_kind`,
  r.`symmetric` = (row.`symmetric:boolean` = 'true'),
  r.`weight` = toInteger(row.`weight:int`),
  r.`first_date` = row.`first_date`,
  r.`last_date` = row.`last_date`,
  r.`cameo` = row.`cameo`,
  r.`goldstein` = toFloat(row.`goldstein:double`),
  r.`documents` = CASE WHEN coalesce(row.`documents:string[]`, '') = '' THEN [] ELSE split(row.`documents:string[]`, ';') END,
  r.`evidence` = CASE WHEN coalesce(row.`evidence`, '') = '' THEN [] ELSE split(row.`evidence`, '\n') END;

LOAD CSV WITH HEADERS FROM 'file:///graph.relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'ARRESTED'
MATCH (s:Actor {id: row.`:START_ID(Actor)`}), (t:Actor {id: row.`:END_ID(Actor)`})
CREATE (s)-[r:ARRESTED]->(t)
SET
  r.id = row.id,
  r.`relation` = row.`relation`,
  r.`relation_kind` = row.`relation_kind`,
  r.`symmetric` = (row.`symmetric:boolean` = 'true'),
  r.`weight` = toInteger(row.`weight:int`),
  r.`first_date` = row.`first_date`,
  r.`last_date` = row.`last_date`,
  r.`cameo` = row.`cameo`,
  r.`goldstein` = toFloat(row.`goldstein:double`),
  r.`documents` = CASE WHEN coalesce(row.`documents:string[]`, '') = '' THEN [] ELSE split(row.`documents:string[]`, ';') END,
  r.`evidence` = CASE WHEN coalesce(row.`evidence`, '') = '' THEN [] ELSE split(row.`evidence`, '\n') END;

LOAD CSV WITH HEADERS FROM 'file:///graph.relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'ATTACKED'
MATCH (s:Actor {id: row.`:START_ID(Actor)`}), (t:Actor {id: row.`:END_ID(Actor)`})
CREATE (s)-[r:ATTACKED]->(t)
SET
  r.id = row.id,
  r.`relation` = row.`relation`,
  r.`relation_kind` = row.`relation_kind`,
  r.`symmetric` = (row.`symmetric:boolean` = 'true'),
  r.`weight` = toInteger(row.`weight:int`),
  r.`first_date` = row.`first_date`,
  r.`last_date` = row.`last_date`,
  r.`cameo` = row.`cameo`,
  r.`goldstein` = toFloat(row.`goldstein:double`),
  r.`documents` = CASE WHEN coalesce(row.`documents:string[]`, '') = '' THEN [] ELSE split(row.`documents:string[]`, ';') END,
  r.`evidence` = CASE WHEN coalesce(row.`evidence`, '') = '' THEN [] ELSE split(row.`evidence`, '\n') END;

LOAD CSV WITH HEADERS FROM 'file:///graph.relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'DISMISSED'
MATCH (s:Actor {id: row.`:START_ID(Actor)`}), (t:Actor {id: row.`:END_ID(Actor)`})
CREATE (s)-[r:DISMISSED]->(t)
SET
  r.id = row.id,
  r.`relation` = row.`relation`,
  r.`relation_kind` = row.`relation_kind`,
  r.`symmetric` = (row.`symmetric:boolean` = 'true'),
  r.`weight` = toInteger(row.`weight:int`),
  r.`first_date` = row.`first_date`,
  r.`last_date` = row.`last_date`,
  r.`cameo` = row.`cameo`,
  r.`goldstein` = toFloat(row.`goldstein:double`),
  r.`documents` = CASE WHEN coalesce(row.`documents:string[]`, '') = '' THEN [] ELSE split(row.`documents:string[]`, ';') END,
  r.`evidence` = CASE WHEN coalesce(row.`evidence`, '') = '' THEN [] ELSE split(row.`evidence`, '\n') END;

LOAD CSV WITH HEADERS FROM 'file:///graph.relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'LEADS'
MATCH (s:Actor {id: row.`:START_ID(Actor)`}), (t:Actor {id: row.`:END_ID(Actor)`})
CREATE (s)-[r:LEADS]->(t)
SET
  r.id = row.id,
  r.`relation` = row.`relation`,
  r.`relation_kind` = row.`relation_kind`,
  r.`symmetric` = (row.`symmetric:boolean` = 'true'),
  r.`weight` = toInteger(row.`weight:int`),
  r.`first_date` = row.`first_date`,
  r.`last_date` = row.`last_date`,
  r.`cameo` = row.`cameo`,
  r.`goldstein` = toFloat(row.`goldstein:double`),
  r.`documents` = CASE WHEN coalesce(row.`documents:string[]`, '') = '' THEN [] ELSE split(row.`documents:string[]`, ';') END,
  r.`evidence` = CASE WHEN coalesce(row.`evidence`, '') = '' THEN [] ELSE split(row.`evidence`, '\n') END;

LOAD CSV WITH HEADERS FROM 'file:///graph.relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'MEMBER_OF'
MATCH (s:Actor {id: row.`:START_ID(Actor)`}), (t:Actor {id: row.`:END_ID(Actor)`})
CREATE (s)-[r:MEMBER_OF]->(t)
SET
  r.id = row.id,
  r.`relation` = row.`relation`,
  r.`relation_kind` = row.`relation_kind`,
  r.`symmetric` = (row.`symmetric:boolean` = 'true'),
  r.`weight` = toInteger(row.`weight:int`),
  r.`first_date` = row.`first_date`,
  r.`last_date` = row.`last_date`,
  r.`cameo` = row.`cameo`,
  r.`goldstein` = toFloat(row.`goldstein:double`),
  r.`documents` = CASE WHEN coalesce(row.`documents:string[]`, '') = '' THEN [] ELSE split(row.`documents:string[]`, ';') END,
  r.`evidence` = CASE WHEN coalesce(row.`evidence`, '') = '' THEN [] ELSE split(row.`evidence`, '\n') END;

LOAD CSV WITH HEADERS FROM 'file:///graph.relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'MET'
MATCH (s:Actor {id: row.`:START_ID(Actor)`}), (t:Actor {id: row.`:END_ID(Actor)`})
CREATE (s)-[r:MET]->(t)
SET
  r.id = row.id,
  r.`relation` = row.`relation`,
  r.`relation_kind` = row.`relation_kind`,
  r.`symmetric` = (row.`symmetric:boolean` = 'true'),
  r.`weight` = toInteger(row.`weight:int`),
  r.`first_date` = row.`first_date`,
  r.`last_date` = row.`last_date`,
  r.`cameo` = row.`cameo`,
  r.`goldstein` = toFloat(row.`goldstein:double`),
  r.`documents` = CASE WHEN coalesce(row.`documents:string[]`, '') = '' THEN [] ELSE split(row.`documents:string[]`, ';') END,
  r.`evidence` = CASE WHEN coalesce(row.`evidence`, '') = '' THEN [] ELSE split(row.`evidence`, '\n') END;

LOAD CSV WITH HEADERS FROM 'file:///graph.relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'OPPOSES'
MATCH (s:Actor {id: row.`:START_ID(Actor)`}), (t:Actor {id: row.`:END_ID(Actor)`})
CREATE (s)-[r:OPPOSES]->(t)
SET
  r.id = row.id,
  r.`relation` = row.`relation`,
  r.`relation_kind` = row.`relation_kind`,
  r.`symmetric` = (row.`symmetric:boolean` = 'true'),
  r.`weight` = toInteger(row.`weight:int`),
  r.`first_date` = row.`first_date`,
  r.`last_date` = row.`last_date`,
  r.`cameo` = row.`cameo`,
  r.`goldstein` = toFloat(row.`goldstein:double`),
  r.`documents` = CASE WHEN coalesce(row.`documents:string[]`, '') = '' THEN [] ELSE split(row.`documents:string[]`, ';') END,
  r.`evidence` = CASE WHEN coalesce(row.`evidence`, '') = '' THEN [] ELSE split(row.`evidence`, '\n') END;

LOAD CSV WITH HEADERS FROM 'file:///graph.relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'REPLACED'
MATCH (s:Actor {id: row.`:START_ID(Actor)`}), (t:Actor {id: row.`:END_ID(Actor)`})
CREATE (s)-[r:REPLACED]->(t)
SET
  r.id = row.id,
  r.`relation` = row.`relation`,
  r.`relation_kind` = row.`relation_kind`,
  r.`symmetric` = (row.`symmetric:boolean` = 'true'),
  r.`weight` = toInteger(row.`weight:int`),
  r.`first_date` = row.`first_date`,
  r.`last_date` = row.`last_date`,
  r.`cameo` = row.`cameo`,
  r.`goldstein` = toFloat(row.`goldstein:double`),
  r.`documents` = CASE WHEN coalesce(row.`documents:string[]`, '') = '' THEN [] ELSE split(row.`documents:string[]`, ';') END,
  r.`evidence` = CASE WHEN coalesce(row.`evidence`, '') = '' THEN [] ELSE split(row.`evidence`, '\n') END;

LOAD CSV WITH HEADERS FROM 'file:///graph.relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'REQUESTED_HELP'
MATCH (s:Actor {id: row.`:START_ID(Actor)`}), (t:Actor {id: row.`:END_ID(Actor)`})
CREATE (s)-[r:REQUESTED_HELP]->(t)
SET
  r.id = row.id,
  r.`relation` = row.`relation`,
  r.`relation_kind` = row.`relation_kind`,
  r.`symmetric` = (row.`symmetric:boolean` = 'true'),
  r.`weight` = toInteger(row.`weight:int`),
  r.`first_date` = row.`first_date`,
  r.`last_date` = row.`last_date`,
  r.`cameo` = row.`cameo`,
  r.`goldstein` = toFloat(row.`goldstein:double`),
  r.`documents` = CASE WHEN coalesce(row.`documents:string[]`, '') = '' THEN [] ELSE split(row.`documents:string[]`, ';') END,
  r.`evidence` = CASE WHEN coalesce(row.`evidence`, '') = '' THEN [] ELSE split(row.`evidence`, '\n') END;

LOAD CSV WITH HEADERS FROM 'file:///graph.relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'SENT_FORCES'
MATCH (s:Actor {id: row.`:START_ID(Actor)`}), (t:Actor {id: row.`:END_ID(Actor)`})
CREATE (s)-[r:SENT_FORCES]->(t)
SET
  r.id = row.id,
  r.`relation` = row.`relation`,
  r.`relation_kind` = row.`relation_kind`,
  r.`symmetric` = (row.`symmetric:boolean` = 'true'),
  r.`weight` = toInteger(row.`weight:int`),
  r.`first_date` = row.`first_date`,
  r.`last_date` = row.`last_date`,
  r.`cameo` = row.`cameo`,
  r.`goldstein` = toFloat(row.`goldstein:double`),
  r.`documents` = CASE WHEN coalesce(row.`documents:string[]`, '') = '' THEN [] ELSE split(row.`documents:string[]`, ';') END,
  r.`evidence` = CASE WHEN coalesce(row.`evidence`, '') = '' THEN [] ELSE split(row.`evidence`, '\n') END;

LOAD CSV WITH HEADERS FROM 'file:///graph.relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'SUPPORTS'
MATCH (s:Actor {id: row.`:START_ID(Actor)`}), (t:Actor {id: row.`:END_ID(Actor)`})
CREATE (s)-[r:SUPPORTS]->(t)
SET
  r.id = row.id,
  r.`relation` = row.`relation`,
  r.`relation_kind` = row.`relation_kind`,
  r.`symmetric` = (row.`symmetric:boolean` = 'true'),
  r.`weight` = toInteger(row.`weight:int`),
  r.`first_date` = row.`first_date`,
  r.`last_date` = row.`last_date`,
  r.`cameo` = row.`cameo`,
  r.`goldstein` = toFloat(row.`goldstein:double`),
  r.`documents` = CASE WHEN coalesce(row.`documents:string[]`, '') = '' THEN [] ELSE split(row.`documents:string[]`, ';') END,
  r.`evidence` = CASE WHEN coalesce(row.`evidence`, '') = '' THEN [] ELSE split(row.`evidence`, '\n') END;

LOAD CSV WITH HEADERS FROM 'file:///graph.relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'THANKED'
MATCH (s:Actor {id: row.`:START_ID(Actor)`}), (t:Actor {id: row.`:END_ID(Actor)`})
CREATE (s)-[r:THANKED]->(t)
SET
  r.id = row.id,
  r.`relation` = row.`relation`,
  r.`relation_kind` = row.`relation_kind`,
  r.`symmetric` = (row.`symmetric:boolean` = 'true'),
  r.`weight` = toInteger(row.`weight:int`),
  r.`first_date` = row.`first_date`,
  r.`last_date` = row.`last_date`,
  r.`cameo` = row.`cameo`,
  r.`goldstein` = toFloat(row.`goldstein:double`),
  r.`documents` = CASE WHEN coalesce(row.`documents:string[]`, '') = '' THEN [] ELSE split(row.`documents:string[]`, ';') END,
  r.`evidence` = CASE WHEN coalesce(row.`evidence`, '') = '' THEN [] ELSE split(row.`evidence`, '\n') END;

LOAD CSV WITH HEADERS FROM 'file:///graph.relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'THREATENED'
MATCH (s:Actor {id: row.`:START_ID(Actor)`}), (t:Actor {id: row.`:END_ID(Actor)`})
CREATE (s)-[r:THREATENED]->(t)
SET
  r.id = row.id,
  r.`relation` = row.`relation`,
  r.`relation_kind` = row.`relation_kind`,
  r.`symmetric` = (row.`symmetric:boolean` = 'true'),
  r.`weight` = toInteger(row.`weight:int`),
  r.`first_date` = row.`first_date`,
  r.`last_date` = row.`last_date`,
  r.`cameo` = row.`cameo`,
  r.`goldstein` = toFloat(row.`goldstein:double`),
  r.`documents` = CASE WHEN coalesce(row.`documents:string[]`, '') = '' THEN [] ELSE split(row.`documents:string[]`, ';') END,
  r.`evidence` = CASE WHEN coalesce(row.`evidence`, '') = '' THEN [] ELSE split(row.`evidence`, '\n') END;
