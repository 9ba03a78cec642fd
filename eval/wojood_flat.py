#!/usr/bin/env python3
"""wojood_flat.py — flattens the Wojood sample (nested NER, one tag column per nesting layer) to token<SP>tag lines of
PERS/LOC/ORG for `make eval-ner`: GPE counts as LOC; of the person, place and organisation spans of every layer, the
outermost are kept (a span inside another of these three types is left out, as a flat tagger marks one of them);
spans of the other 18 Wojood types (OCC, EVENT, DATE…) are set aside, so a place or organisation inside an occupation
phrase (سكرتير اللجنة القومية العربية في نابلس: OCC around ORG and GPE) is a name to find. Reads the files given, writes
stdout; blank lines are sentence breaks."""
import sys

KEEP = {'PERS': 'PERS', 'LOC': 'LOC', 'GPE': 'LOC', 'ORG': 'ORG'}

def layer_spans(tags):
    out, start, typ = [], None, None
    for i, t in enumerate(tags + ['O']):
        b, ty = t[:2], t[2:]
        if start is not None and (t == 'O' or b == 'B-' or ty != typ):
            out.append((start, i, typ)); start = None
        if b == 'B-' or (b == 'I-' and start is None):
            start, typ = i, ty
    return out

def flush(sent, out):
    if not sent: return
    nl = max(len(r) for r in sent) - 1
    spans = []
    for k in range(1, nl + 1):
        tags = [r[k] if len(r) > k and r[k][:2] in ('B-', 'I-') else 'O' for r in sent]
        spans += [(b, e, KEEP[t]) for b, e, t in layer_spans(tags) if t in KEEP]
    spans = [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]
    tag = ['O'] * len(sent)
    for b, e, t in sorted(set(spans)):
        if any(x != 'O' for x in tag[b:e]): continue  # overlapping spans of one level: the first kept
        tag[b] = 'B-' + t
        for i in range(b + 1, e): tag[i] = 'I-' + t
    for r, t in zip(sent, tag): out.write(f'{r[0]} {t}\n')
    out.write('\n')

def main():
    sent = []
    for fn in sys.argv[1:]:
        for line in open(fn, encoding='utf-8'):
            f = line.split()
            if not f:
                flush(sent, sys.stdout); sent = []
            else:
                sent.append(f)
        flush(sent, sys.stdout); sent = []

if __name__ == '__main__':
    main()
