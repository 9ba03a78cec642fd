"""to_jsonl.py — writes a SaudiNewsNet day file (JSON array) or JSON Lines as JSON Lines with ids, for the peers.
usage: python3 to_jsonl.py FILE > out.jsonl   (ids: the record's id, else DAY:INDEX as in eval/stories-dev.tsv)"""
import json, os, sys
src = sys.argv[1]
day = os.path.basename(src).rsplit('.', 1)[0]
if src.endswith('.json'):
    arts = json.load(open(src, encoding='utf-8'))
else:
    arts = [json.loads(l) for l in open(src, encoding='utf-8') if l.strip()]
for k, a in enumerate(arts):
    a = dict(a)
    a.setdefault('id', f'{day}:{k}')
    sys.stdout.write(json.dumps(a, ensure_ascii=False) + '\n')
