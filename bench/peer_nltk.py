"""peer_nltk.py — benchmark peers: NLTK's ISRI and Snowball Arabic stemmers over every word of a text file.
usage: /usr/bin/python3 peer_nltk.py isri|snowball FILE   (prints words= bytes= secs=)"""
import re, sys, time
WORD = re.compile(r'[0-9A-Za-z\u0600-\u060B\u060D-\u061A\u061C-\u061E\u0620-\u0669\u066E-\u06D3\u06D5-\u06FF\u00C0-\u1FFF]+')
kind, path = sys.argv[1], sys.argv[2]
data = open(path, 'rb').read()
text = data.decode('utf-8', 'replace')
if kind == 'isri':
    from nltk.stem.isri import ISRIStemmer
    stem = ISRIStemmer().stem
else:
    from nltk.stem.snowball import ArabicStemmer
    stem = ArabicStemmer().stem
t0 = time.process_time()
n = s = 0
for m in WORD.finditer(text):
    s += len(stem(m.group()))
    n += 1
print(f'words={n} bytes={len(data)} secs={time.process_time() - t0:.6f} stemchars={s}')
