/* translit.c — readable Arabic→Latin transliteration for names the gazetteer does not know. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include "extract/extract.h"
#include "extract/names.h"
#include "extract/lexicon.h"

static int is_long_vowel(int32_t c) { return c == 0x0627 || c == 0x0648 || c == 0x064A || c == 0x0649; }
static int is_letter(int32_t c) { return rasd__is_arabic_letter(c); }

static const char *cons(int32_t c) {
  switch (c) {
    case 0x0628: return "b"; case 0x062A: return "t"; case 0x062B: return "th"; case 0x062C: return "j";
    case 0x062D: return "h"; case 0x062E: return "kh"; case 0x062F: return "d"; case 0x0630: return "dh";
    case 0x0631: return "r"; case 0x0632: return "z"; case 0x0633: return "s"; case 0x0634: return "sh";
    case 0x0635: return "s"; case 0x0636: return "d"; case 0x0637: return "t"; case 0x0638: return "z";
    case 0x063A: return "gh"; case 0x0641: return "f"; case 0x0642: return "q"; case 0x0643: return "k";
    case 0x06A9: return "k"; case 0x0644: return "l"; case 0x0645: return "m"; case 0x0646: return "n";
    case 0x0647: return "h"; case 0x067E: return "p"; case 0x0686: return "ch"; case 0x06A4: return "v";
    case 0x06AF: return "g"; case 0x0698: return "zh";
  }
  return NULL;
}

/* One Latin unit of a word being transliterated: the text of one Arabic letter and whether it sounds as a
 * vowel (long vowels, ة) or a consonant. */
typedef struct unit { const char *s; uint8_t vowel; } unit;

/* Whether consonant units a, b may begin a Latin syllable together (Kristian, Stefan, Byong, Tsipras, Blair). */
static int onset_ok(const char *a, const char *b) {
  if (!strcmp(b, "y") || !strcmp(b, "w")) return 1;
  if (!strcmp(b, "r") || !strcmp(b, "l")) return !a[1] && strchr("bkgjpfdtc", *a) && !(*a == 't' && *b == 'l') && !(*a == 'd' && *b == 'l');
  if (!strcmp(a, "s")) return strchr("tkpmn", *b) && !b[1];
  return !strcmp(a, "t") && (!strcmp(b, "s") || !strcmp(b, "z"));
}

/* A foreign name letter by letter reads as a consonant cluster where Arabic left a short vowel out (هرمزكان Hrmzkan,
 * رغدان Rghdan): an a goes between two consonants at the start of a word of five letters or more that cannot begin a
 * syllable together, and into three consonants in a row unless the last two can (Harmazkan, Raghdan; Kristian,
 * Stefan, Dblyo stay). Latin letters (written as they are) count as vowels. */
static int foreign(unit *u, int n, int max) {
  static const unit A = {"a", 1};
  for (int i = 0; i + 1 < n && n < max; i++) {
    int cc = !u[i].vowel && !u[i + 1].vowel && *u[i].s && *u[i + 1].s;
    if (!cc) continue;
    int at = -1;
    if (i == 0 && !onset_ok(u[0].s, u[1].s) && n > 4) at = 1; /* not in short words: قطار is no Qatar */
    else if (i > 0 && i + 2 < n && !u[i + 2].vowel && *u[i + 2].s && !onset_ok(u[i + 1].s, u[i + 2].s)) at = i + 2;
    if (at < 0) continue;
    memmove(u + at + 1, u + at, (size_t)(n - at) * sizeof *u);
    u[at] = A;
    n++;
  }
  return n;
}

/* Short vowels are not written in Arabic; a word transliterated letter by letter reads as a consonant
 * cluster (al-Zhrani, al-Mrkzi, Majd). For native words — those with ال — and the common فاعل pattern
 * (ماجد، طارق، خالد), أفعل (أحمد) and فعل (فهد، بنك), insert the vowel Arabic never writes: a word never
 * begins with two consonants (al-Zahrani), three consonants never meet (al-Markazi), فاعل is CaCiC (Majid),
 * أفعل aCCaC (Ahmad), فعل CaCC (Fahd). Returns the new count; 'u' has room for 'max' + 1 units. */
static int epenthesis(unit *u, int n, int native, int max) {
  static const unit A = {"a", 1}, I = {"i", 1};
  if (n == 4 && !u[0].vowel && u[1].vowel && !strcmp(u[1].s, "a") && !u[2].vowel && !u[3].vowel &&
      !(!strcmp(u[2].s, "n") && (!strcmp(u[3].s, "g") || !strcmp(u[3].s, "k")))) { /* not ng (يانغ Yang) */
    u[4] = u[3];
    u[3] = I;
    return 5;
  }
  if (n == 4 && u[0].vowel && !strcmp(u[0].s, "a") && !u[1].vowel && !u[2].vowel && !u[3].vowel) {
    u[4] = u[3]; /* أفعل: أحمد Ahmad, أكرم Akram */
    u[3] = A;
    return 5;
  }
  if (n == 3 && !u[0].vowel && !u[1].vowel && !u[2].vowel && *u[0].s && *u[1].s && *u[2].s) {
    u[3] = u[2]; /* فعل: فهد Fahd, بنك Bank */
    u[2] = u[1];
    u[1] = A;
    return 4;
  }
  if (!native) return foreign(u, n, max);
  for (int i = 0; i + 1 < n && n < max; i++) {
    int cc = !u[i].vowel && !u[i + 1].vowel && *u[i].s && *u[i + 1].s;
    if (!cc) continue;
    int insert_at = -1;
    if (i == 0) insert_at = 1;                                            /* CC at the start */
    else if (i + 2 < n && !u[i + 2].vowel && *u[i + 2].s) insert_at = i + 2; /* CCC inside */
    if (insert_at < 0) continue;
    memmove(u + insert_at + 1, u + insert_at, (size_t)(n - insert_at) * sizeof *u);
    u[insert_at] = A;
    n++;
  }
  return n;
}

/* Transliterates one word (code points 'w[0..n)') into 'b'. */
static void word(const int32_t *w, int n, rasd__buf *b) {
  int i = 0;
  size_t start = b->len;
  static const int32_t allah[] = {0x0627, 0x0644, 0x0644, 0x0647}, bin[] = {0x0628, 0x0646}, ibn[] = {0x0627, 0x0628, 0x0646},
                       ibn2[] = {0x0625, 0x0628, 0x0646}, abd[] = {0x0639, 0x0628, 0x062F};
  if (n == 4 && !memcmp(w, allah, sizeof allah)) { rasd__buf_adds(b, "Allah"); return; }
  if (n == 2 && !memcmp(w, bin, sizeof bin)) { rasd__buf_adds(b, "bin"); return; }
  if (n == 3 && (!memcmp(w, ibn, sizeof ibn) || !memcmp(w, ibn2, sizeof ibn2))) { rasd__buf_adds(b, "ibn"); return; }
  if (n == 3 && !memcmp(w, abd, sizeof abd)) { rasd__buf_adds(b, "Abd"); return; }
  if (n >= 7 && !memcmp(w, abd, sizeof abd) && w[3] == 0x0627 && w[4] == 0x0644) {
    /* عبد X joined (عبدالخالق): Abdul and the name after the article, as the press writes it (Abdulkhaliq) */
    size_t at = b->len;
    word(w + 3, n - 3, b); /* al-Khaliq */
    size_t end = b->len;
    if (!b->oom && end >= at + 4 && !memcmp(b->s + at, "al-", 3)) {
      rasd__buf_adds(b, "__"); /* room for the two letters Abdul has more than al- */
      if (b->oom) return;
      memmove(b->s + at + 5, b->s + at + 3, end - at - 3);
      memcpy(b->s + at, "Abdul", 5);
      if (b->s[at + 5] >= 'A' && b->s[at + 5] <= 'Z') b->s[at + 5] = (char)(b->s[at + 5] + 32);
      return;
    }
    if (b->oom) return;
    b->len = at;
    if (b->s) b->s[at] = 0;
  }
  int native = 0;
  if (n >= 4 && w[0] == 0x0627 && w[1] == 0x0644) { rasd__buf_adds(b, "al-"); i = 2; start = b->len; native = 1; }
  /* لل (for the: للسياحة lil-Siyaha) and وال (and the: والتراث wal-Turath), written on the word */
  /* (three letters or more after it: والبة, والاش "Wallace" are names of their own) */
  else if (n >= 5 && w[0] == 0x0644 && w[1] == 0x0644) { rasd__buf_adds(b, "lil-"); i = 2; start = b->len; native = 1; }
  else if (n >= 6 && w[0] == 0x0648 && w[1] == 0x0627 && w[2] == 0x0644) {
    rasd__buf_adds(b, "wal-");
    i = 3;
    start = b->len;
    native = 1;
  }
  enum { MAXU = 300 };
  unit u[MAXU + 1];
  int nu = 0, i0 = i;
  for (; i < n && nu < MAXU - 1; i++) {
    int32_t c = w[i], nx = i + 1 < n ? w[i + 1] : 0, pv = i > 0 ? w[i - 1] : 0;
    int initial = nu == 0, final = i == n - 1;
    const char *s = NULL;
    int vowel = 0;
    switch (c) {
      case 0x0627: case 0x0671: s = (nx == 0x064A && !initial) ? "a" : (pv == 0x0627 ? "" : "a"); vowel = 1; break;
      case 0x0622: s = "a"; vowel = 1; break;
      case 0x0623: s = (nx == 0x0648) ? "" : "a"; vowel = 1; break;
      case 0x0625: s = (nx == 0x064A) ? "" : "i"; vowel = 1; break;
      case 0x0648:
        if (i > 0 && (pv == 0x0623 || pv == 0x0627) && (i == 1 || (i == 3 && nu > 0))) s = "o"; /* أو at the start */
        else if (initial || nx == 0x0627 || nx == 0x064A || nx == 0x0649) s = "w";
        else s = "o";
        vowel = *s == 'o';
        break;
      case 0x064A:
        if (initial || (is_long_vowel(nx) && nx != 0x064A && !final)) s = "y";
        else s = "i";
        vowel = *s == 'i';
        break;
      case 0x0649: s = "a"; vowel = 1; break;
      case 0x0629: s = "a"; vowel = 1; break;
      case 0x0626: s = (nx == 0x064A) ? "" : "i"; vowel = 1; break;
      case 0x0624: s = "u"; vowel = 1; break;
      case 0x0621: s = ""; vowel = 1; break;
      case 0x0639:
        /* ع: a sound of its own between a consonant and a long vowel (سعيد Said, سعود Saud) */
        if (initial && nx == 0x0627) { s = ""; vowel = 0; break; } /* عادل Adil, عامر Amir: the ا is the vowel */
        if (initial) s = "a";
        else if (is_long_vowel(nx) && i > i0 && !is_long_vowel(pv)) s = "a";
        else s = is_long_vowel(nx) || is_long_vowel(pv) ? "" : "a";
        vowel = 1;
        break;
      case 0x0646: s = "n"; break;
      case 0x063A: s = (pv == 0x0646 || final) ? "g" : "gh"; break;
      case 0x062C: if (pv == 0x0646 && final) s = "g"; break; /* نج at the end is ng: جونج Jong, بيونج Pyong */
      case 0x062A: if (nx == 0x0634) { s = "ch"; i++; } break;
    }
    if (!s) s = cons(c);
    if (!s) {
      static const char *ascii[128];
      static char ascii_s[256];
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        if (!ascii[c]) { ascii_s[2 * c] = (char)c; ascii[c] = &ascii_s[2 * c]; }
        u[nu].s = ascii[c];
        u[nu].vowel = 1; /* Latin letters are written as they are, never re-vowelled */
        nu++;
      }
      continue;
    }
    u[nu].s = s;
    u[nu].vowel = (uint8_t)vowel;
    nu++;
  }
  nu = epenthesis(u, nu, native, MAXU);
  for (int k = 0; k < nu; k++) rasd__buf_adds(b, u[k].s);
  /* capitalise the first letter (after "al-") */
  if (b->len > start && b->s[start] >= 'a' && b->s[start] <= 'z') b->s[start] = (char)(b->s[start] - 32);
}

char *rasd__translit(const char *s, size_t len) {
  rasd__buf b;
  rasd__buf_init(&b);
  int32_t w[256];
  int n = 0;
  size_t i = 0;
  if (!s) len = 0;
  while (i <= len) {
    int32_t c = -1;
    if (i < len) {
      int32_t raw = rasd__utf8_next(s, len, &i);
      if (raw < 0) continue;
      if (rasd__is_arabic_mark(raw) || raw == 0x200C || raw == 0x200D) continue;
      c = (is_letter(raw) || (raw >= '0' && raw <= '9') || (raw >= 'a' && raw <= 'z') || (raw >= 'A' && raw <= 'Z'))
              ? raw : -1;
      if (raw >= 0x0660 && raw <= 0x0669) c = '0' + (raw - 0x0660);
    } else i++;
    if (c >= 0) {
      if (n < 256) w[n++] = c;
      continue;
    }
    if (n) {
      if (b.len) rasd__buf_addc(&b, ' ');
      word(w, n, &b);
      n = 0;
    }
  }
  if (b.oom) { rasd__buf_free(&b); return NULL; }
  if (!b.s) return rasd__strdup0("");
  return rasd__buf_detach(&b);
}

/* ---- Common Arabic given names in the English the Saudi and Gulf press use (and a few foreign name words) ---- */

/* Matching forms (no hamza seats, ة is ه, ى is ي) and their English. Letter by letter these read badly (فيصل Fisl,
 * عمر Amr, مشعل Mshal) and the name lists give odd forms of some (مريم Miri, بندر Bender). عبد X is also looked up
 * joined (عبد العزيز as عبدالعزيز). */
static const struct given { const char *ar, *en; } GIVEN_EN[] = {
    {"محمد", "Mohammed"}, {"احمد", "Ahmed"}, {"محمود", "Mahmoud"}, {"مصطفي", "Mustafa"}, {"علي", "Ali"},
    {"عمر", "Omar"}, {"عثمان", "Othman"}, {"خالد", "Khalid"}, {"سعد", "Saad"}, {"سعود", "Saud"}, {"سعيد", "Saeed"},
    {"سالم", "Salem"}, {"صالح", "Saleh"}, {"فهد", "Fahd"}, {"فيصل", "Faisal"}, {"سلمان", "Salman"},
    {"سلطان", "Sultan"}, {"ناصر", "Nasser"}, {"نايف", "Nayef"}, {"ماجد", "Majed"}, {"مشعل", "Mishaal"},
    {"متعب", "Miteb"}, {"منصور", "Mansour"}, {"مساعد", "Musaed"}, {"مقرن", "Muqrin"}, {"نواف", "Nawaf"},
    {"بندر", "Bandar"}, {"تركي", "Turki"}, {"طلال", "Talal"}, {"طارق", "Tariq"}, {"حسن", "Hassan"},
    {"حسين", "Hussein"}, {"حمد", "Hamad"}, {"حمود", "Hamoud"}, {"حمزه", "Hamza"}, {"خليل", "Khalil"},
    {"زياد", "Ziad"}, {"زيد", "Zaid"}, {"سامي", "Sami"}, {"سليمان", "Sulaiman"}, {"عادل", "Adel"}, {"عامر", "Amer"},
    {"عيسي", "Issa"}, {"موسي", "Musa"}, {"يوسف", "Yousef"}, {"يحيي", "Yahya"}, {"ابراهيم", "Ibrahim"},
    {"اسماعيل", "Ismail"}, {"مازن", "Mazen"}, {"ماهر", "Maher"}, {"مالك", "Malik"}, {"مبارك", "Mubarak"},
    {"هاني", "Hani"}, {"هشام", "Hisham"}, {"ياسر", "Yasser"}, {"غازي", "Ghazi"}, {"فارس", "Fares"},
    {"فايز", "Fayez"}, {"فواز", "Fawaz"}, {"مشاري", "Mishari"}, {"جلوي", "Jalawi"}, {"راشد", "Rashid"},
    {"جمال", "Jamal"}, {"صلاح", "Salah"}, {"عماد", "Emad"}, {"مهند", "Muhannad"}, {"مهنا", "Muhanna"},
    {"وليد", "Waleed"}, {"اسامه", "Osama"}, {"ثامر", "Thamer"}, {"بدر", "Badr"}, {"عواد", "Awad"},
    {"عبدالله", "Abdullah"}, {"عبدالعزيز", "Abdulaziz"}, {"عبدالرحمن", "Abdulrahman"}, {"عبدالمحسن", "Abdulmohsen"},
    {"عبداللطيف", "Abdullatif"}, {"عبدالملك", "Abdulmalik"}, {"عبدالاله", "Abdulilah"}, {"عبدالكريم", "Abdulkarim"},
    {"عبدالرحيم", "Abdulrahim"}, {"عبدالمجيد", "Abdulmajeed"}, {"عبدالوهاب", "Abdulwahab"}, {"عبدالحميد", "Abdulhamid"},
    {"عبدالفتاح", "Abdel Fattah"}, {"عبدالقادر", "Abdulqader"}, {"عبدالسلام", "Abdulsalam"}, {"عبدالهادي", "Abdulhadi"},
    {"عبدالناصر", "Abdel Nasser"}, {"عبدالغني", "Abdulghani"}, {"عبدالحكيم", "Abdulhakim"}, {"عبدالرزاق", "Abdulrazzaq"},
    {"عايشه", "Aisha"}, {"فاطمه", "Fatima"}, {"مريم", "Maryam"}, {"نوره", "Noura"}, {"خديجه", "Khadija"},
    {"حامد", "Hamid"}, {"سامر", "Samer"}, {"شريف", "Sharif"}, {"يعقوب", "Yaqoub"}, {"مراد", "Murad"},
    {"نبيل", "Nabil"}, {"نزار", "Nizar"}, {"هيثم", "Haitham"}, {"يزيد", "Yazid"}, {"عايض", "Ayedh"}, {"قاسم", "Qasim"},
    {"كمال", "Kamal"}, {"نادر", "Nader"}, {"هادي", "Hadi"}, {"جابر", "Jaber"}, {"جاسم", "Jasim"}, {"جعفر", "Jaafar"},
    {"حازم", "Hazem"}, {"حاتم", "Hatem"}, {"رامي", "Rami"}, {"زكي", "Zaki"}, {"سمير", "Samir"}, {"عدنان", "Adnan"},
    {"غسان", "Ghassan"}, {"فراس", "Firas"}, {"كريم", "Karim"}, {"محسن", "Mohsen"}, {"مهدي", "Mahdi"},
    {"معاذ", "Muath"}, {"بسام", "Bassam"}, {"حسام", "Hossam"}, {"ريان", "Rayan"}, {"زهير", "Zuhair"},
    {"شاكر", "Shaker"}, {"عصام", "Essam"}, {"علاء", "Alaa"}, {"عمار", "Ammar"}, {"عمرو", "Amr"}, {"مروان", "Marwan"},
    {"مسعود", "Masoud"}, {"منير", "Munir"}, {"عوض", "Awadh"}, {"عبيد", "Obaid"}, {"فالح", "Falih"},
    {"ساره", "Sara"}, {"ليلي", "Laila"}, {"مني", "Mona"}, {"هدي", "Huda"}, {"اسماء", "Asma"}, {"رانيا", "Rania"},
    {"زينب", "Zainab"}, {"سلمي", "Salma"}, {"هند", "Hind"},
    /* Korean family names the lists take for other words (بارك: Parc, the French park) */
    {"بارك", "Park"}, {NULL, NULL}};

/* Arab family names (with the article, matching forms) in the English the press uses: letter by letter they read
 * Al-Fisl, Al-Atibi, Al-Shamri, Al-Jabir, and the name lists give places for some (البغدادي Baghdad, الحمدان
 * Hamadan). Words that are also common nouns or titles in a name (الثاني 'the second', الخليفة, الشيخ) are not here. */
static const struct given FAMILY_EN[] = {
    {"القحطاني", "Al-Qahtani"}, {"الغامدي", "Al-Ghamdi"}, {"الزهراني", "Al-Zahrani"}, {"الحربي", "Al-Harbi"},
    {"العتيبي", "Al-Otaibi"}, {"المطيري", "Al-Mutairi"}, {"الدوسري", "Al-Dosari"}, {"الشمري", "Al-Shammari"},
    {"العنزي", "Al-Anazi"}, {"الشهري", "Al-Shehri"}, {"الشهراني", "Al-Shahrani"}, {"القرني", "Al-Qarni"},
    {"العمري", "Al-Amri"}, {"المالكي", "Al-Maliki"}, {"السبيعي", "Al-Subaie"}, {"الرشيدي", "Al-Rashidi"},
    {"الجهني", "Al-Juhani"}, {"البلوي", "Al-Balawi"}, {"الحارثي", "Al-Harthi"}, {"العسيري", "Al-Asiri"},
    {"اليامي", "Al-Yami"}, {"الشمراني", "Al-Shamrani"}, {"السهلي", "Al-Sahli"}, {"السلمي", "Al-Sulami"},
    {"الخالدي", "Al-Khalidi"}, {"الحازمي", "Al-Hazmi"}, {"الزايدي", "Al-Zaidi"}, {"العصيمي", "Al-Osaimi"},
    {"الاسمري", "Al-Asmari"}, {"السديري", "Al-Sudairi"}, {"الفيصل", "Al-Faisal"}, {"الجبير", "Al-Jubeir"},
    {"الراجحي", "Al-Rajhi"}, {"التميمي", "Al-Tamimi"}, {"الحوثي", "Al-Houthi"}, {"الاسد", "Al-Assad"},
    {"السيسي", "El-Sisi"}, {"البغدادي", "Al-Baghdadi"}, {"الحسيني", "Al-Husseini"}, {"العبادي", "Al-Abadi"},
    {"العيسي", "Al-Issa"}, {"الموسي", "Al-Mousa"}, {"اليوسف", "Al-Yousef"}, {"السالم", "Al-Salem"},
    {"الصالح", "Al-Saleh"}, {"الفهد", "Al-Fahd"}, {"الراشد", "Al-Rashed"}, {"الرشيد", "Al-Rasheed"},
    {"الناصر", "Al-Nasser"}, {"العمر", "Al-Omar"}, {"الاحمد", "Al-Ahmad"}, {"السعيد", "Al-Saeed"},
    {"الدخيل", "Al-Dakhil"}, {"العطيه", "Al-Attiyah"}, {"الربيعه", "Al-Rabiah"}, {"التركي", "Al-Turki"},
    {"الصباح", "Al-Sabah"}, {"القاسمي", "Al-Qasimi"}, {"الحمدان", "Al-Hamdan"}, {"الخميس", "Al-Khamis"},
    {"الزامل", "Al-Zamil"}, {"العقيل", "Al-Aqeel"}, {"المقرن", "Al-Muqrin"}, {"القرشي", "Al-Qurashi"},
    {"الانصاري", "Al-Ansari"}, {"المهنا", "Al-Muhanna"}, {"الجاسر", "Al-Jasser"}, {"العساف", "Al-Assaf"},
    {"الفالح", "Al-Falih"}, {"السديس", "Al-Sudais"}, {"الحمد", "Al-Hamad"}, {"الملحم", "Al-Mulhim"},
    {"الخطيب", "Al-Khatib"}, {"الظاهري", "Al-Dhaheri"}, {"الكعبي", "Al-Kaabi"}, {"المري", "Al-Marri"},
    {"الهاجري", "Al-Hajri"}, {"العجمي", "Al-Ajmi"}, {"الرويلي", "Al-Ruwaili"}, {"الشثري", "Al-Shathri"},
    {"الخضيري", "Al-Khudairi"}, {"الفرج", "Al-Faraj"}, {"المنصور", "Al-Mansour"}, {"الحسن", "Al-Hassan"},
    {"الحسين", "Al-Hussein"}, {"الجبوري", "Al-Jubouri"}, {"المالكي", "Al-Maliki"}, {"الصدر", "Al-Sadr"},
    {"الحريري", "Hariri"}, {"القذافي", "Gaddafi"}, {"البشير", "Al-Bashir"}, {"الغنوشي", "Ghannouchi"},
    {"البرغوثي", "Barghouti"}, {"الزعبي", "Al-Zoubi"}, {"المعلم", "Al-Moallem"}, {"العربي", "Al-Arabi"},
    {"الشريف", "Al-Sharif"}, {"الجعفري", "Al-Jaafari"}, {"العامري", "Al-Amiri"}, {"النعيمي", "Al-Naimi"},
    {NULL, NULL}};

/* Western and other foreign given names (matching forms) in their usual English: the name lists give odd forms of
 * many (بيتر letter by letter Bitr; جيريمي Jeremi, ويل Weyl, جون Jon, ستيفن Steffen, أرتورو Arthuro). Only the English
 * of a name's first word reads this table: words such as بول, مارك, ويل are common words too. Names of several
 * languages' forms (لويس Louis or Luis, جاك Jack or Jacques, جان Jean or Jan) are left to the lists. */
static const struct given FOREIGN_EN[] = {
    {"بيتر", "Peter"}, {"جيريمي", "Jeremy"}, {"ويل", "Will"}, {"جون", "John"}, {"ستيفن", "Steven"},
    {"ستيفان", "Stefan"}, {"كريستيان", "Christian"}, {"لوكاس", "Lucas"}, {"ارتورو", "Arturo"}, {"ريتشارد", "Richard"},
    {"توماس", "Thomas"}, {"ديفيد", "David"}, {"دافيد", "David"}, {"مايكل", "Michael"},
    {"جورج", "George"}, {"جيمس", "James"}, {"روبرت", "Robert"}, {"وليام", "William"}, {"ويليام", "William"},
    {"تشارلز", "Charles"}, {"جوزيف", "Joseph"}, {"دانيال", "Daniel"}, {"دانييل", "Daniel"}, {"ماثيو", "Matthew"},
    {"اندرو", "Andrew"}, {"بول", "Paul"}, {"مارك", "Mark"}, {"دونالد", "Donald"}, {"هيلاري", "Hillary"},
    {"باراك", "Barack"}, {"فرانسوا", "François"}, {"نيكولا", "Nicolas"}, {"نيكولاس", "Nicolas"}, {"انجيلا", "Angela"},
    {"انغيلا", "Angela"}, {"فلاديمير", "Vladimir"}, {"سيرغي", "Sergei"}, {"سيرجي", "Sergei"}, {"الكسندر", "Alexander"},
    {"اليكس", "Alex"}, {"اليكسيس", "Alexis"}, {"الكسيس", "Alexis"}, {"كارلوس", "Carlos"}, {"خوسيه", "José"},
    {"جوزيه", "José"}, {"خوان", "Juan"}, {"ماريو", "Mario"}, {"ماركو", "Marco"}, {"ماركوس", "Marcos"},
    {"انطونيو", "Antonio"}, {"فرانشيسكو", "Francesco"}, {"فرانسيسكو", "Francisco"}, {"باولو", "Paulo"},
    {"روبرتو", "Roberto"}, {"فابيو", "Fabio"}, {"دييغو", "Diego"}, {"دييجو", "Diego"}, {"خورخي", "Jorge"},
    {"رونالد", "Ronald"}, {"كريستيانو", "Cristiano"}, {"ليونيل", "Lionel"}, {"ستيف", "Steve"}, {"جيف", "Jeff"},
    {"كيفن", "Kevin"}, {"كيفين", "Kevin"}, {"براين", "Brian"}, {"سكوت", "Scott"}, {"جوناثان", "Jonathan"},
    {"هاري", "Harry"}, {"توم", "Tom"}, {"تيم", "Tim"}, {"توني", "Tony"}, {"ادوارد", "Edward"},
    {"فرانك", "Frank"}, {"هنري", "Henry"}, {"لوران", "Laurent"}, {"بيير", "Pierre"},
    {"ايمانويل", "Emmanuel"}, {"ماريا", "Maria"}, {"سارة", "Sarah"},
    {"جيري", "Jerry"}, {"جيرار", "Gérard"}, {"يوهان", "Johan"}, {"يورغن", "Jürgen"},
    {"شينزو", "Shinzo"}, {"بنيامين", "Benjamin"}, {"اريك", "Eric"}, {"فيكتور", "Victor"}, {"مانويل", "Manuel"},
    {"سيمون", "Simon"}, {"فيليب", "Philip"}, {"كارل", "Karl"}, {"مارتن", "Martin"}, {"مارتين", "Martin"},
    {NULL, NULL}};

/* The English of word 'w' ('wl' bytes) in table 't' by its matching form (with the article: 'al' 1 keeps only words
 * that begin with ال), or NULL: a scan, for the short tables asked once per name. */
static const char *table_en(const struct given *t, const char *w, size_t wl, int al) {
  char f[64];
  if (!wl || wl >= sizeof f / 2) return NULL;
  size_t fl = rasd__lx_norm(w, wl, f);
  f[fl] = 0;
  if (al && (fl < 8 || memcmp(f, "ال", 4))) return NULL;
  for (size_t i = 0; t[i].ar; i++)
    if (!strcmp(f, t[i].ar)) return t[i].en;
  return NULL;
}

const char *rasd__foreign_given_en(const char *w, size_t wl) { return table_en(FOREIGN_EN, w, wl, 0); }

/* GIVEN_EN by matching form: open addressing over 512 slots (index + 1; 0 empty), the first entry of a form kept, as
 * the scan of the list found it (every name of every person's English form is looked up here). */
#define GIVEN_SLOTS 512
static uint16_t given_slot[GIVEN_SLOTS];
static pthread_once_t given_once = PTHREAD_ONCE_INIT;
static uint32_t given_hash(const char *s, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}
static void given_init(void) {
  for (size_t i = 0; GIVEN_EN[i].ar; i++) {
    size_t l = strlen(GIVEN_EN[i].ar);
    uint32_t p = given_hash(GIVEN_EN[i].ar, l) & (GIVEN_SLOTS - 1);
    int dup = 0;
    while (given_slot[p] && !(dup = !strcmp(GIVEN_EN[given_slot[p] - 1].ar, GIVEN_EN[i].ar))) p = (p + 1) & (GIVEN_SLOTS - 1);
    if (!dup) given_slot[p] = (uint16_t)(i + 1);
  }
}

/* The English of matching form 'f' ('fl' bytes, NUL-terminated) in GIVEN_EN, or NULL. */
static const char *given_find(const char *f, size_t fl) {
  pthread_once(&given_once, given_init);
  for (uint32_t p = given_hash(f, fl) & (GIVEN_SLOTS - 1); given_slot[p]; p = (p + 1) & (GIVEN_SLOTS - 1))
    if (!strcmp(f, GIVEN_EN[given_slot[p] - 1].ar)) return GIVEN_EN[given_slot[p] - 1].en;
  return NULL;
}

const char *rasd__family_name_en(const char *w, size_t wl) { return table_en(FAMILY_EN, w, wl, 1); }

const char *rasd__given_name_en(const char *w, size_t wl, const char *next, size_t nl, int *words) {
  char f[64];
  *words = 1;
  if (!wl || wl >= sizeof f / 2) return NULL;
  size_t fl = rasd__lx_norm(w, wl, f);
  if (fl == 6 && !memcmp(f, "عبد", 6) && next && nl && nl < sizeof f / 2 - 4) { /* عبد العزيز as عبدالعزيز */
    fl += rasd__lx_norm(next, nl, f + fl);
    *words = 2;
  }
  f[fl] = 0;
  const char *en = given_find(f, fl);
  if (en) return en;
  *words = 1;
  return NULL;
}
