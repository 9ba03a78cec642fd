"""stories_daydiff.py — the groupings two `rasd stories --format json` runs on one SaudiNewsNet day disagree on, with
headlines, for reading a clustering change on days outside the dev set (ids are DAY:N, N counting records from 1).
usage: python3 eval/stories_daydiff.py OLD.json NEW.json DAY.json   (DAY.json: the day's SaudiNewsNet array)"""
import json, sys

def main():
    old, new = (json.load(open(p, encoding='utf-8'))['stories'] for p in sys.argv[1:3])
    src = json.load(open(sys.argv[3], encoding='utf-8'))

    def line(aid):
        n = int(aid.rsplit(':', 1)[1])
        r = src[n - 1] if 0 < n <= len(src) else {'source': '?', 'title': '?'}
        return f"   {aid:>16} {r['source'][:8]:8} {r['title'][:90]}"

    ko = {frozenset(s['articles']) for s in old}
    kn = {frozenset(s['articles']) for s in new}
    print(f'stories: old {len(old)}, new {len(new)}; groupings only in old {len(ko - kn)}, only in new {len(kn - ko)}')
    for name, only in (('old', ko - kn), ('new', kn - ko)):
        print(f'== groupings of two or more only in {name}')
        for g in sorted((g for g in only if len(g) > 1), key=lambda g: (-len(g), min(g))):
            print(f'-- {len(g)} articles')
            for a in sorted(g, key=lambda a: int(a.rsplit(':', 1)[1])): print(line(a))

if __name__ == '__main__':
    main()
