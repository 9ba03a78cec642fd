#!/usr/bin/env python3
"""name_pairs.py — builds the name-pair test set from ../shared/data/names at run time and scores
`rasd names --pairs` on it (precision, recall, F1). Nothing it builds is committed.

Same = one English name (case, accents and hyphens folded) written with different Arabic spellings in
ANETAC, the Google Wikipedia transliteration pairs, the world-cities list or the countries list.
Different = two Arabic spellings whose English names differ by at least three letters and that look alike:
half are within two letter edits of each other (which makes them of one length), half have the same
consonant letters with different vowel letters, hamza seats, ال or final ة (مصر / المسيرة), the commonest
Arabic look-alikes since vowels are optional in Arabic script. Pairs are split by a hash of the English name:
one fifth is the held-out test part (reported), the rest the dev part used while tuning.
Positive pairs whose two Arabic forms share under 30% of their letters are data errors in the sources
(e.g. "bridgetown" = بورتلاند) and are left out; the number left out is printed.

The matcher decides whether two Arabic forms are *spellings* of one name, so the positive pairs are
limited to spellings: (1) a leading administrative designator (محافظة، إقليم، ولاية، منطقة، مقاطعة…) is
a word added, not a spelling, and is taken off every source form; (2) a positive pair is kept only when
both Arabic forms transliterate the English name: their consonant skeletons (Arabic letters and English
letters mapped to the same coarse sound classes, vowels and h dropped, a word-initial vowel kept as V,
ال dropped unless the English has al-/el-) are within 40% edit distance of the English one. That drops
exonyms and translations (حلب/Aleppo, مقدونيا الشمالية/North Macedonia), other names under one English
key (بوختار/كورغان تبه), forms with a word added (بادن بادن/بادن, سويندون تاون/سويندون: one form's
words a strict subset of the other's; or, when the word counts differ, one form with half again as many
letters: بنفيلد/جيليان بانفيلد) and forms extended at the end by two letters or more holding a consonant of
their own (بالتي/بالتيمور, روما/روماني: a longer or derived name), and forms that are another form of the
name with a proclitic letter in front (كشيكاغو = ك + شيكاغو), or, when the English name begins with a vowel, any
form beginning with a proclitic letter and then alif (واوكسفورد = و + اوكسفورد for Oxford: the name's own first letter
would be the alif; the number of pairs this drops is printed apart). The number dropped is printed. (3) A world-cities row whose Arabic
city name is a country's Arabic name while its English is not that country's is a translation error in that
list (Van = فانواتو, Surin = سورينام, Kanata = كندا) and is not used.
"""
import argparse, collections, hashlib, json, os, random, re, subprocess, sys, unicodedata

DIAC = re.compile('[\u064B-\u0652\u0670\u0640]')

def ek(e):
    e = ''.join(c for c in unicodedata.normalize('NFKD', e.lower()) if not unicodedata.combining(c))
    return re.sub(r'[\s\-]+', ' ', e).strip()

DESIG = re.compile(r'^(محافظة|إقليم|اقليم|منطقة|ولاية|مقاطعة|إدارة|ادارة|بلدية|ريف|مدينة|قضاء|ناحية|مديرية|إمارة|امارة|دائرة|كانتون|قرية|بلدة)\s+')

def ak(a):
    a = DIAC.sub('', a)
    a = re.split(r'[(،,]', a)[0]
    a = re.sub(r'\s+', ' ', a).strip()
    return DESIG.sub('', a)

# Consonant skeletons in shared coarse classes (B F T S K L M N R H, V = word-initial vowel).
AR_CLASS = {'ب': 'B', 'پ': 'B', 'ت': 'T', 'ط': 'T', 'ث': 'T', 'د': 'T', 'ض': 'T', 'ذ': 'S', 'ز': 'S', 'س': 'S',
            'ص': 'S', 'ظ': 'S', 'ش': 'S', 'چ': 'S', 'ژ': 'S', 'ج': 'K', 'خ': 'K', 'غ': 'K', 'ق': 'K', 'ك': 'K',
            'گ': 'K', 'ف': 'F', 'ڤ': 'F', 'ل': 'L', 'م': 'M', 'ن': 'N', 'ر': 'R', 'ح': 'H', 'ه': 'H'}
EN_CLASS = {'b': 'B', 'p': 'B', 't': 'T', 'd': 'T', 's': 'S', 'z': 'S', 'j': 'K', 'g': 'K', 'k': 'K', 'q': 'K',
            'c': 'K', 'f': 'F', 'v': 'F', 'w': 'F', 'l': 'L', 'm': 'M', 'n': 'N', 'r': 'R'}
EN_DIGRAPH = [('tch', 'S'), ('sch', 'S'), ('sh', 'S'), ('ch', 'S'), ('zh', 'S'), ('kh', 'K'), ('gh', 'K'),
              ('ph', 'F'), ('th', 'T'), ('ck', 'K'), ('ts', 'S'), ('tz', 'S'), ('x', 'KS')]

def _push(out, v):
    if v and (not out or out[-1] != v): out.append(v)

def ar_skel(a, e):
    out = []
    for w in re.split(r'[\s\-]+', a):
        if w.startswith('ال') and len(w) > 3 and not re.match(r'(al|el|ul)', e): w = w[2:]
        w = w.replace('تش', 'ش').replace('تس', 'س')
        if w and w[0] in 'اأإآعوي': _push(out, 'V')
        for c in w: _push(out, AR_CLASS.get(c, ''))
    return ''.join(out).replace('H', '')

def en_skel(e):
    out = []
    for w in re.split(r'[\s\-]+', e):
        if w and w[0] in 'aeiou': _push(out, 'V')
        for d, v in EN_DIGRAPH: w = w.replace(d, v)
        w = re.sub(r'c(?=[eiy])', 'S', w)
        for c in w: _push(out, c if c.isupper() else EN_CLASS.get(c, ''))
    return ''.join(out)

def translit_dist(a, e):
    x, y = ar_skel(a, e), en_skel(e)
    return lev(x, y) / max(1, len(x), len(y))

def letters(a):
    t = a.translate(str.maketrans('أإآىة', 'ااايه'))
    return set(t.replace(' ', '').replace('-', ''))

def lev(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]

def consonants(a):
    """The consonant letters of Arabic form 'a', word by word: ال, vowel letters, hamza seats, a final ة/ه and
    doubled letters set aside."""
    out = []
    for w in re.split(r'[\s\-]+', a):
        if w.startswith('ال') and len(w) > 3: w = w[2:]
        w = re.sub('[ةه]$', '', w)
        for c in w:
            if c in 'اأإآوؤيىئء': continue
            if not out or out[-1] != c: out.append(c)
    return ''.join(out)

def fold(a):
    """Arabic form 'a' with hamza seats on alif, final ى and ة folded (أوبسالا = اوبسالا)."""
    return a.translate(str.maketrans('أإآىة', 'ااايه'))

def bare(a):
    """The letters of Arabic form 'a' without spaces, hyphens and a leading ال, hamza seats and final ى/ة folded."""
    a = a.translate(str.maketrans('أإآىة', 'ااايه'))
    if a.startswith('ال') and len(a) > 4: a = a[2:]
    return re.sub(r'[\s\-]+', '', a)

def word_added(x, y):
    """A form with more words whose letters are half again as many as the other's: a word added to the name
    (بنفيلد / جيليان بانفيلد, لوكان / لوكا جيوردانو), not a word split or joined (هسينشو / سين شو)."""
    nx, ny = len(re.split(r'[\s\-]+', x)), len(re.split(r'[\s\-]+', y))
    if nx == ny: return False
    lx, ly = len(bare(x)), len(bare(y))
    return (lx if nx > ny else ly) >= 1.5 * (ly if nx > ny else lx)

def extended(x, y):
    """One form is the other with two letters or more added at the end, one of them a consonant of its own (not
    a vowel letter, a final ه or the last letter doubled): a longer or another name (بالتي / بالتيمور, روما /
    روماني, كان / كانياس), not another spelling of it (ليل / ليللي, تونس / تونسيا, كراكو / كراكوف stay)."""
    bx, by = bare(x), bare(y)
    if len(bx) > len(by): bx, by = by, bx
    if len(by) <= len(bx) or not bx or not by.startswith(bx): return False
    tail = by[len(bx):].rstrip('ه')
    return len(tail) >= 2 and any(c not in 'اويء' and c != bx[-1] for c in tail)

def h(s):
    return int(hashlib.sha1(s.encode()).hexdigest()[:8], 16)

def load(names):
    pairs = []  # (english, arabic)
    p = os.path.join(names, 'anetac-en-ar-ne-transliteration', 'EN-AR_Named-entities.txt')
    for l in open(p, encoding='utf-8'):
        f = l.rstrip('\n').split(' ', 2)
        if len(f) == 3: pairs.append((f[1], f[2]))
    for fn in ('ar2en-train.txt', 'ar2en-eval.txt'):
        for l in open(os.path.join(names, 'google-transliteration-ar2en', fn), encoding='utf-8'):
            f = l.rstrip('\n').split('\t')
            if len(f) == 2: pairs.append((f[1], f[0]))
    countries = [(c['name']['common'], c['translations']['ara']['common'])
                 for c in json.load(open(os.path.join(names, 'countries-gazetteer-mledoze', 'countries.json'), encoding='utf-8'))
                 if c.get('translations', {}).get('ara')]
    cities = [json.loads(l) for l in open(os.path.join(names, 'world-cities-ar-en', 'world-cities.jsonl'), encoding='utf-8-sig')]
    # A city whose Arabic is a country's Arabic name while its English is not that country's is a translation
    # error in the cities list (Van = فانواتو, Surin = سورينام, Kanata = كندا): its English is another entity.
    country_en = collections.defaultdict(set)
    for e, a in countries + [(j['Country'], j['CountryAr']) for j in cities]:
        country_en[ak(a)].add(ek(e))
    for j in cities:
        a = ak(j['CityNameAr'])
        if not (a in country_en and ek(j['CityNameEn']) not in country_en[a]):
            pairs.append((j['CityNameEn'], j['CityNameAr']))
        pairs.append((j['Country'], j['CountryAr']))
    pairs.extend(countries)
    return pairs

# pairs left out by the newer filters, by filter (printed by main(); also counted in the non-spelling total)
DROPS = collections.Counter()

def build(names):
    by_en = collections.defaultdict(set)
    for e, a in load(names):
        e, a = ek(e), ak(a)
        if e and a: by_en[e].add(a)
    pos, dropped, notspell = [], 0, 0
    for e, forms in sorted(by_en.items()):
        forms = sorted(forms)
        folded = {fold(a) for a in forms}
        for i in range(len(forms)):
            for j in range(i + 1, len(forms)):
                x, y = forms[i], forms[j]
                lx, ly = letters(x), letters(y)
                if len(lx & ly) / max(1, len(lx | ly)) < 0.3: dropped += 1; continue
                if max(translit_dist(x, e), translit_dist(y, e)) > 0.4: notspell += 1; continue
                # a word added (سويندون / سويندون تاون, مرسيدس / مرسيدس-بنز): words are split at hyphens too, as
                # the matcher and ek() split them
                wx, wy = set(re.split(r'[\s\-]+', x)), set(re.split(r'[\s\-]+', y))
                if wx < wy or wy < wx: notspell += 1; continue
                if word_added(x, y) or extended(x, y): notspell += 1; continue
                # a form written with a proclitic (و، ف، ب، ك، ل: and, so, in, like, for) before another form of
                # the name (hamza seats folded) is that form in a sentence (كشيكاغو = ك + شيكاغو, واوبسالا = و +
                # أوبسالا), not a spelling
                if any(len(f) > 3 and f[0] in 'وفبكل' and fold(f[1:]) in folded for f in (x, y)): notspell += 1; continue
                # and when the English name begins with a vowel, a form beginning with a proclitic letter and then
                # alif is that letter before the name, whether or not the name's bare form is listed (واوكسفورد =
                # و + اوكسفورد for Oxford, وامدرمان = و + امدرمان): the name's own first letter would be a vowel letter
                if e[:1] in 'aeiou' and any(len(f) > 3 and f[0] in 'وفبكل' and f[1] in 'اأإآ' for f in (x, y)):
                    notspell += 1; DROPS['proclitic before a vowel-initial name'] += 1; continue
                pos.append((x, y, e, e))
    # negatives: symmetric-delete neighbours (within two edits) with different English names
    ar2en = {}
    for e, forms in by_en.items():
        for a in forms:
            ar2en.setdefault(a, e)
    dele = collections.defaultdict(list)
    for a in sorted(ar2en):
        if len(a) < 3: continue
        for k in range(len(a)):
            dele[a[:k] + a[k + 1:]].append(a)
    rnd = random.Random(7)
    seen = set()

    def look_alikes(groups):
        """Pairs within each group of look-alike spellings whose English names differ by three letters or more."""
        out = []
        for _, group in sorted(groups.items()):
            if len(group) < 2: continue
            if len(group) > 6: group = rnd.sample(group, 6)
            for i in range(len(group)):
                for j in range(i + 1, len(group)):
                    x, y = sorted((group[i], group[j]))
                    if x == y or (x, y) in seen: continue
                    ex, ey = ar2en[x], ar2en[y]
                    if ex == ey or lev(ex, ey) < 3: continue
                    if y in by_en[ex] or x in by_en[ey]: continue
                    seen.add((x, y))
                    out.append((x, y, ex, ey))
        return out

    neg = look_alikes(dele)
    # negatives, second kind: the same consonant letters (vowel letters, hamza seats, ال and a final ة/ه
    # aside) but different English names: مصر / المسيرة, الصين / السنة. Arabic leaves vowels out, so these
    # are the commonest look-alikes, and a pair of near-equal length (all the deletion neighbours above are)
    # says nothing about them.
    by_skel = collections.defaultdict(list)
    for a in sorted(ar2en):
        k = consonants(a)
        if len(k) >= 2: by_skel[k].append(a)
    neg2 = look_alikes(by_skel)
    rnd.shuffle(neg)
    rnd.shuffle(neg2)
    half = min(len(neg2), len(pos) // 2)
    neg = neg2[:half] + neg[:len(pos) - half]
    return pos, neg, dropped, notspell

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--rasd', default='build/rasd')
    ap.add_argument('--names', default='../shared/data/names')
    ap.add_argument('--part', default='test', choices=['test', 'dev', 'all'])
    ap.add_argument('--gazetteer', action='store_true', help='let the matcher use the gazetteer (built from the same data: optimistic)')
    ap.add_argument('--errors', type=int, default=0, help='print this many wrong answers')
    ap.add_argument('--ci', action='store_true', help='also print a 95%% bootstrap interval of F1 (the pairs of the part '
                    'resampled 2000 times, seed fixed): how far the part alone lets a change be judged')
    ap.add_argument('--dump', metavar='FILE', help='write the chosen part as name1<TAB>name2<TAB>1|0 lines to FILE and stop '
                    '(the name model is trained on the dev part dumped this way: make names-model)')
    a = ap.parse_args()
    if not os.path.isdir(a.names):
        print(f'name_pairs: {a.names} not found; skipped'); return 0
    pos, neg, dropped, notspell = build(a.names)
    def part(p):
        t = h(p[2]) % 5 == 0
        return a.part == 'all' or (a.part == 'test') == t
    items = [(x, y, 1) for x, y, e1, e2 in pos if part((x, y, e1))] + [(x, y, 0) for x, y, e1, e2 in neg if part((x, y, e1))]
    if a.dump:
        with open(a.dump, 'w', encoding='utf-8') as f:
            f.write(''.join(f'{x}\t{y}\t{g}\n' for x, y, g in items))
        print(f'name_pairs: {len(items)} pairs of the {a.part} part written to {a.dump}'); return 0
    inp = ''.join(f'{x}\t{y}\n' for x, y, _ in items)
    cmd = [a.rasd, 'names', '--pairs'] + ([] if a.gazetteer else ['--no-gazetteer'])
    out = subprocess.run(cmd, input=inp, capture_output=True, text=True, check=True).stdout.split()
    tp = fp = fn = tn = 0
    errs, outcomes = [], []
    for (x, y, g), o in zip(items, out):
        p = int(o)
        outcomes.append((g, p))
        if p and g: tp += 1
        elif p and not g: fp += 1; errs.append(('FP', x, y))
        elif g: fn += 1; errs.append(('FN', x, y))
        else: tn += 1
    P = tp / max(1, tp + fp); R = tp / max(1, tp + fn); F = 2 * P * R / max(1e-9, P + R)
    print(f'name pairs ({a.part} part): {tp + fn} same, {fp + tn} different ({dropped} source errors, {notspell} non-spelling pairs left out); '
          f'precision {P:.3f} recall {R:.3f} F1 {F:.3f}')
    for k, v in sorted(DROPS.items()): print(f'name pairs: {v} same-name pairs (whole set) left out: {k}')
    if a.ci:
        def f1(s):
            t = sum(1 for g, p in s if g and p)
            return 2 * t / max(1, 2 * t + sum(1 for g, p in s if g != p))
        rnd = random.Random(0)
        v = sorted(f1([outcomes[rnd.randrange(len(outcomes))] for _ in outcomes]) for _ in range(2000))
        print(f'name pairs ({a.part} part): F1 95% bootstrap interval {v[50]:.3f}-{v[1949]:.3f}')
    for e in errs[:a.errors]: print(*e, sep='\t')
    return 0

if __name__ == '__main__':
    sys.exit(main())
