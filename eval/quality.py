"""quality.py — `make eval`: runs every quality measurement that exists, prints it and writes bench/QUALITY.md
with each figure next to the command that made it. Parts whose scripts or data are absent are listed as
skipped (the data sets live in ../shared; the stage scripts are written by the stage engineers).
usage: python3 eval/quality.py [--out bench/QUALITY.md]   (env: RASD, RASD_SHARED, PY_PEERS)"""
import datetime, os, re, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(ROOT)
RASD = os.environ.get('RASD', 'build/rasd')
SHARED = os.environ.get('RASD_SHARED', os.path.join('..', 'shared'))
PYP = os.environ.get('PY_PEERS', '/usr/bin/python3' if os.path.exists('/usr/bin/python3') else 'python3')
OUT = sys.argv[sys.argv.index('--out') + 1] if '--out' in sys.argv else 'bench/QUALITY.md'
TIMEOUT = int(os.environ.get('EVAL_TIMEOUT', '900'))

sections = []   # (title, command, output, status)
figures = []    # (area, figure, value, command)


def run(title, cmd, need=()):
    """Runs a shell command (the one shown in QUALITY.md); returns its output, or None when skipped."""
    missing = [p for p in need if not os.path.exists(p)]
    if missing:
        sections.append((title, cmd, f'skipped: {", ".join(missing)} not found', 'skipped'))
        print(f'eval: {title}: skipped ({", ".join(missing)} not found)', file=sys.stderr)
        return None
    print(f'eval: {title}: {cmd}', file=sys.stderr)
    env = dict(os.environ, RASD=RASD, RASD_SHARED=SHARED)
    try:
        p = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=TIMEOUT, env=env)
        out = (p.stdout + ('\n' + p.stderr if p.returncode and p.stderr else '')).strip()
        status = 'ok' if p.returncode == 0 else f'exit {p.returncode}'
    except subprocess.TimeoutExpired:
        out, status = f'timed out after {TIMEOUT} s', 'timeout'
    lines = out.splitlines()
    if len(lines) > 60:
        out = '\n'.join(lines[:25] + [f'… ({len(lines) - 50} lines left out) …'] + lines[-25:])
    sections.append((title, cmd, out, status))
    print(out)
    return out


def fig(area, figure, value, cmd):
    figures.append((area, figure, value, cmd))


def grab(pat, text, default=None):
    m = re.search(pat, text or '')
    return m.group(1) if m else default


have_shared = os.path.isdir(SHARED)

# 1. The bundled examples against examples/truth.json
cmd = f'RASD={RASD} sh tests/test_examples.sh'
out = run('Examples (examples/truth.json)', cmd, need=['examples/truth.json', 'tests/test_examples.sh'])
if out:
    for key, label in (('clean', 'cleaning facts right'), ('quotes_f1', 'quotes F1'), ('timex_f1', 'dates F1'),
                       ('merged', 'entity groups merged'), ('bcubed', 'stories B-cubed F1')):
        m = re.search(rf'(?m)^\s*{key}: (.*)$', out)
        if m:
            fig('examples', label, m.group(1)[:110], cmd)

# 2. The seeds: entities, quotes/dates, stories (../shared/tools/score_seeds.sh)
cmd = f'{SHARED}/tools/score_seeds.sh {RASD}'
out = run('Seeds (../shared/corpus/seeds/gold.json)', cmd, need=[f'{SHARED}/tools/score_seeds.sh'])
if out:
    for area, pat in (('seeds', r'(?m)^entities: (.*)$'), ('seeds', r'(?m)^quotes/dates: (.*)$'), ('seeds', r'(?m)^stories: (.*)$')):
        m = re.search(pat, out)
        if m:
            fig(area, pat.split('^')[1].split(':')[0], m.group(1)[:140], cmd)

# 3. NER dev F1 (the NER engineer's make eval-ner)
has_target = lambda t: any(re.search(rf'(?m)^{t}:', open(f, encoding='utf-8').read())
                           for f in ['Makefile'] + [os.path.join('mk', x) for x in os.listdir('mk') if x.endswith('.mk')])
cmd = 'make -s --no-print-directory eval-ner'
if has_target('eval-ner'):
    out = run('NER (ANERcorp dev part)', cmd, need=[f'{SHARED}/data/ner/anercorp-train.conll'])
    if out:
        for line in out.splitlines():
            if 'F1' in line:
                fig('NER', line.split(':')[0][:60], grab(r'(F1 [0-9.]+ P [0-9.]+ R [0-9.]+)', line, line[-80:]), cmd)
else:
    sections.append(('NER (ANERcorp dev part)', cmd, 'skipped: no eval-ner target yet', 'skipped'))

# 4. Name-variant pairs
cmd = f'python3 eval/name_pairs.py --rasd {RASD} --names {SHARED}/data/names'
out = run('Name-variant pairs', cmd, need=['eval/name_pairs.py', f'{SHARED}/data/names'])
if out:
    fig('names', 'name pairs (test part)', grab(r'(F1[^;\n]*)', out, out.splitlines()[-1][:120]), cmd)

# 5. Quotes and dates on the dev annotations
cmd = f'RASD={RASD} sh eval/quotes_timex_dev.sh'
out = run('Quotes and dates (dev annotations)', cmd, need=['eval/quotes_timex_dev.sh'])
if out:
    fig('quotes/dates', 'dev annotations', grab(r'(quotes F1 .*)', out, out.splitlines()[-1])[:140], cmd)

# 6. Summaries: EASC ROUGE, lead baseline, TextRank peer
easc = f'{SHARED}/data/summaries/easc-dev'
cmd = f'RASD={RASD} sh eval/easc.sh'
out = run('Summaries: rasd on EASC dev', cmd, need=['eval/easc.sh', easc])
if out:
    rs = dict(re.findall(r"'(R[12])': ([0-9.]+)", grab(r'(?m)^(rasd.*)$', out, '')))
    fig('summaries', 'rasd ROUGE (EASC dev)', f"R1={rs.get('R1')} R2={rs.get('R2')}" if rs else out.splitlines()[-1][:140], cmd)
cmd = f'python3 {SHARED}/tools/easc_lead.py {easc}'
out = run('Summaries: lead baseline', cmd, need=[easc])
if out:
    rs = dict(re.findall(r"'(R[12])': ([0-9.]+)", out))
    fig('summaries', 'lead baseline', f"R1={rs.get('R1')} R2={rs.get('R2')}", cmd)
cmd = f'{PYP} bench/peer_textrank.py {easc}'
out = run('Summaries: TextRank peer (networkx)', cmd, need=[easc])
if out:
    fig('summaries', 'TextRank peer', grab(r'(R1=[0-9.]+ R2=[0-9.]+)', out, out[-80:]), cmd)

# 7. Clustering on the dev day: rasd vs the TF-IDF baselines
cmd = f'RASD={RASD} sh eval/stories_dev.sh'
out = run('Stories: clustering dev day (B-cubed, pairwise)', cmd, need=['eval/stories_dev.sh', 'eval/stories-dev.tsv'])
if out:
    for line in out.splitlines():
        if re.search(r'[0-9]\.[0-9]{3}', line) and re.search(r'(?i)b.?cubed|pairF1|F1', line):
            fig('stories', line.split(':')[0][:60] if ':' in line else 'dev day', line[-140:], cmd)

cmd = (f'd=$(mktemp -d) && for day in $(grep -v "^#" eval/stories-dev.tsv | cut -f1 | sort -u); do '
       f'unzip -qo {SHARED}/data/news/saudinewsnet/$day.zip -d $d; done && '
       f'{PYP} bench/peer_sklearn.py --dev eval/stories-dev.tsv $d /dev/null; rm -rf $d')
out = run('Stories: scikit-learn TF-IDF + agglomerative baseline on the dev day', cmd,
          need=['eval/stories-dev.tsv', f'{SHARED}/data/news/saudinewsnet'])
if out:
    fig('stories', 'sklearn TF-IDF baseline (threshold tuned on the dev day)',
        grab(r'(B-cubed F1 [0-9.]+ P [0-9.]+ R [0-9.]+ pairF1 [0-9.]+)', out, out[-100:]), cmd)

# Write the report
now = datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')
commit = subprocess.run('git rev-parse --short HEAD', shell=True, capture_output=True, text=True).stdout.strip()
md = ['# rasd quality report', '',
      f'Generated by `make eval` (eval/quality.py) on {now}, commit {commit}, binary `{RASD}`.'
      + ('' if have_shared else ' ../shared was absent: the parts that need it are skipped.'), '',
      'Every figure with the command that made it (run from the repository root). Data sets: '
      '../shared (see its README); the examples and their truth.json are ours.', '',
      '| area | figure | value | command |', '|---|---|---|---|']
for area, f, v, c in figures:
    md.append(f'| {area} | {f} | {str(v).replace("|", "/")} | `{c}` |'.replace('`' + c + '`', '`' + c.replace('|', '\\|') + '`'))
md += ['', '## Details', '']
for title, c, out, status in sections:
    md += [f'### {title}', '', f'`{c}` — {status}', '', '```', out or '(no output)', '```', '']
skipped = [t for t, _, _, s in sections if s == 'skipped']
if skipped:
    md += ['## Skipped', ''] + [f'- {t}' for t in skipped] + ['']
os.makedirs(os.path.dirname(OUT) or '.', exist_ok=True)
open(OUT, 'w', encoding='utf-8').write('\n'.join(md))
print(f'eval: wrote {OUT} ({len(figures)} figures, {len(skipped)} parts skipped)', file=sys.stderr)
