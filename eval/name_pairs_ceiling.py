#!/usr/bin/python3
"""name_pairs_ceiling.py — how far a flexible learner gets on the dev name pairs, with and without learning the pair set's construction.

Reads the out-of-fold dump of tools/names_train (NAMES_TRAIN_DUMP: for every dev pair, the matcher's verdict and the
learned model's scores from a fit without the pair's fold) and adds plain string features (edit distances of the
letters and of the consonant skeletons, bigram overlap, first and last letters, ال on one side, word counts).
Then, five-fold with names_train's folds, it fits gradient-boosted trees (scikit-learn, Debian's python3-sklearn) over
these features twice:

  monotone      every distance feature may only lower the chance of "same", every agreement feature only raise
                it: what a matcher for real text may learn (two names further apart are never likelier one name);
  unconstrained the trees may learn anything, including the pair set's construction: its different-name pairs
                are look-alikes by design (within two letter edits, or the same consonants), so no different-name
                pair is far apart, and "far apart" comes to mean "same name".

It also prints the consonant-skeleton distance of the same- and different-name pairs of the dev and test parts,
which shows the construction (counts only: nothing is fitted on the test part).

Run by `make names-ceiling`; used to judge whether the name-pair goal can be met by spelling (DATA.md).
"""
import os, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from name_pairs import lev  # noqa: E402  (the pair builder's edit distance)

try:
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier
except ImportError:
    print('name_pairs_ceiling: python3-sklearn is not installed (apt-get install -y python3-sklearn); skipped')
    sys.exit(0)

FOLD = str.maketrans('أإآىةؤئ', 'ااايهوي')
VOWELS = set('اوي')
CLASS = {'ج': 'G', 'غ': 'G', 'ق': 'G', 'ك': 'G', 'ت': 'T', 'ط': 'T', 'ث': 'S', 'س': 'S', 'ص': 'S', 'ز': 'Z',
         'ذ': 'Z', 'ظ': 'Z', 'ض': 'D', 'د': 'D', 'ح': 'H', 'ه': 'H', 'خ': 'X', 'ف': 'F', 'ب': 'B', 'ش': 'C'}




def skeleton(a):
    """The consonants of Arabic name 'a' in coarse classes, doubles collapsed, a leading ال and vowel letters aside."""
    a = a.translate(FOLD).replace(' ', '').replace('-', '')
    if a.startswith('ال') and len(a) > 4:
        a = a[2:]
    out = ''
    for c in a:
        if c in VOWELS or c == 'ء':
            continue
        c = CLASS.get(c, c)
        if not out or out[-1] != c:
            out += c
    return out


def bigrams(a):
    a = '^' + a.translate(FOLD) + '$'
    return {a[i:i + 2] for i in range(len(a) - 1)}


# feature name, monotone constraint (+1: more means likelier the same name, -1: less likely, 0: free)
FEATURES = [('matcher verdict', 1), ('model asked', 0), ('model score', 1), ('same-model score per letter', 1),
            ('same-model score', 1), ('classes x', 0), ('classes y', 0), ('length difference', -1),
            ('letter distance / length', -1), ('letter distance', -1), ('skeleton distance', -1),
            ('skeleton distance / length', -1), ('shorter skeleton', 0), ('bigram overlap', 1), ('same first letter', 1),
            ('same last letter', 1), ('x ends in a vowel letter', 0), ('y ends in a vowel letter', 0),
            ('one ends in a vowel letter', -1), ('ال on one side', -1), ('word counts differ', -1),
            ('same first consonant', 1), ('same last consonant', 1)]


def features(r):
    x, y = r[0], r[1]
    verdict, asked, score, vs, _vd, vu, la, lb = int(r[3]), int(r[4]), float(r[5]), float(r[6]), float(r[7]), float(r[8]), int(r[9]), int(r[10])
    fx, fy = x.translate(FOLD), y.translate(FOLD)
    sx, sy = skeleton(x), skeleton(y)
    bx, by = bigrams(x), bigrams(y)
    n = max(la + lb, 1)
    return [verdict, asked, score, (vs - vu) / n, (vs - vu) / 10, la, lb, abs(la - lb),
            lev(fx, fy) / max(len(fx), len(fy)), lev(fx, fy), lev(sx, sy), lev(sx, sy) / max(1, len(sx), len(sy)),
            min(len(sx), len(sy)), len(bx & by) / len(bx | by), fx[0] == fy[0], fx[-1] == fy[-1], fx[-1] in VOWELS,
            fy[-1] in VOWELS, (fx[-1] in VOWELS) != (fy[-1] in VOWELS), x.startswith('ال') != y.startswith('ال'),
            len(x.split()) != len(y.split()), sx[:1] == sy[:1], sx[-1:] == sy[-1:]]


def fnv(s):
    h = 2166136261
    for c in s.encode():
        h = ((h ^ c) * 16777619) & 0xffffffff
    return h


def f1(p, y):
    tp = int(((p == 1) & (y == 1)).sum()); fp = int(((p == 1) & (y == 0)).sum()); fn = int(((p == 0) & (y == 1)).sum())
    return f'F1 {2 * tp / max(1, 2 * tp + fp + fn):.3f} (P {tp / max(1, tp + fp):.3f} R {tp / max(1, tp + fn):.3f})'


def distance_table(path, label):
    counts = {}
    for line in open(path, encoding='utf-8'):
        x, y, g = line.rstrip('\n').split('\t')
        d = min(lev(skeleton(x), skeleton(y)), 3)
        counts[(d, int(g))] = counts.get((d, int(g)), 0) + 1
    cells = ', '.join(f'{d if d < 3 else "3+"}: {counts.get((d, 1), 0)} same / {counts.get((d, 0), 0)} different' for d in range(4))
    print(f'  {label} part, by consonant-skeleton distance: {cells}')


def main():
    rasd_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    names = sys.argv[1] if len(sys.argv) > 1 else os.path.join(rasd_root, '..', 'shared', 'data', 'names')
    train = sys.argv[2] if len(sys.argv) > 2 else os.path.join(rasd_root, 'build', 'tools', 'names_train')
    if not os.path.isdir(names):
        print(f'name_pairs_ceiling: {names} not found; skipped')
        return 0
    tmp = tempfile.mkdtemp(prefix='rasd-ceiling-')
    dev, test, oof = (os.path.join(tmp, f) for f in ('dev.tsv', 'test.tsv', 'oof.tsv'))
    for part, path in (('dev', dev), ('test', test)):
        subprocess.run([sys.executable, os.path.join(rasd_root, 'eval', 'name_pairs.py'), '--names', names, '--part', part,
                        '--dump', path], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([train, dev, '-o', os.path.join(tmp, 'model.inc')], check=True, stderr=subprocess.DEVNULL,
                   env=dict(os.environ, NAMES_TRAIN_DUMP=oof))
    rows = [l.rstrip('\n').split('\t') for l in open(oof, encoding='utf-8')]
    X = np.array([features(r) for r in rows], float)
    Y = np.array([int(r[2]) for r in rows])
    folds = np.array([fnv(r[0]) % 5 for r in rows])
    mono = [m for _, m in FEATURES]
    skel = [n for n, _ in FEATURES].index('skeleton distance')

    def five_fold(cst):
        p = np.zeros(len(Y), int)
        for k in range(5):
            tr, te = folds != k, folds == k
            m = HistGradientBoostingClassifier(max_iter=300, max_depth=3, learning_rate=0.05, monotonic_cst=cst,
                                               random_state=1).fit(X[tr], Y[tr])
            p[te] = m.predict(X[te])
        return p

    print(f'name pairs, dev part, five-fold ({len(Y)} pairs):')
    print(f'  the matcher (names_train folds)          {f1(np.array([int(r[3]) for r in rows]), Y)}')
    print(f'  trees, monotone                          {f1(five_fold(mono), Y)}')
    free = list(mono); free[skel] = 0
    print(f'  trees, monotone but skeleton distance    {f1(five_fold(free), Y)}')
    print(f'  trees, unconstrained                     {f1(five_fold(None), Y)}')
    distance_table(dev, 'dev')
    distance_table(test, 'test')
    return 0


if __name__ == '__main__':
    sys.exit(main())
