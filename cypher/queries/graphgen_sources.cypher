// Creates one batch of generated Source nodes ($rows: id, name, publisher).
UNWIND $rows AS row
CREATE (:Source {id: row.id, name: row.name, title: row.name, kind: 'article',
                 publisher: row.publisher, dataset: $dataset})
