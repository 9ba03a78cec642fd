/* test_timex.c — dates in Arabic news text: month systems, Hijri (Umm al-Qura), numeric, ranges, relative dates, events. */
#include "harness.h"
#include "rasd.h"
#include "extract/hijri.h"

static rasd_models *M;

static rasd_analysis *run(const char *text, const char *date) {
  rasd_doc d = {0};
  d.text = (char *)text;
  d.text_len = strlen(text);
  d.date = (char *)date;
  rasd_analysis *a = NULL;
  if (rasd_analyze(M, &d, &a) != RASD_OK) return NULL;
  return a;
}

/* Value of the first timex whose text contains 'needle', or "(none)". */
static const char *val(const rasd_analysis *a, const char *needle) {
  for (size_t i = 0; a && i < a->n_timex; i++)
    if (strstr(a->timex[i].text, needle)) return a->timex[i].value ? a->timex[i].value : "(null)";
  return "(none)";
}

static const rasd_timex *find(const rasd_analysis *a, const char *needle) {
  for (size_t i = 0; a && i < a->n_timex; i++)
    if (strstr(a->timex[i].text, needle)) return &a->timex[i];
  return NULL;
}

/* م with a digit after it is a unit (بمساحة 1500م2), not the Gregorian era mark of a year. */
static void test_square_metres_no_year(void) {
  rasd_analysis *a = run("أقيم السوق داخل خيمة بمساحة 1500م2 تضم 70 محلا، وتأسست الشركة في 1998م.", "2015-08-10");
  CHECK(find(a, "1500") == NULL);
  const char *v = val(a, "1998");
  ASSERT_EQ_STR(v, "1998");
  rasd_analysis_free(a);
}

static void test_hijri_icu(void) {
  int y, m, d;
  CHECK(rasd__hijri_to_greg(1436, 10, 26, &y, &m, &d) == 0);
  ASSERT_EQ_INT(y * 10000 + m * 100 + d, 20150811);
  CHECK(rasd__greg_to_hijri(2015, 8, 11, &y, &m, &d) == 0);
  ASSERT_EQ_INT(y * 10000 + m * 100 + d, 14361026);
  CHECK(rasd__hijri_to_greg(1436, 10, 31, &y, &m, &d) < 0);
}

static void test_hijri_text(void) {
  rasd_analysis *a = run("وصل الوفد يوم 26 شوال 1436 إلى الرياض، وعاد في 25 شوال 1436هـ. وتنتهي الدورة مع نهاية عام 1437هـ.\n"
                         "ويبدأ الصيام غرة رمضان.", "2015-07-21");
  CHECK(a != NULL);
  ASSERT_EQ_STR(val(a, "26 شوال"), "2015-08-11");
  const rasd_timex *t = find(a, "26 شوال");
  CHECK(t && t->calendar && !strcmp(t->calendar, "hijri"));
  ASSERT_EQ_STR(t ? t->hijri : NULL, "1436-10-26");
  ASSERT_EQ_STR(val(a, "25 شوال"), "2015-08-10");
  ASSERT_STR_CONTAINS(val(a, "1437"), "2015-10-");
  ASSERT_STR_CONTAINS(val(a, "1437"), "/2016-10-");
  /* غرة رمضان of the publication's Hijri year (1436) = 18 June 2015 */
  ASSERT_EQ_STR(val(a, "غرة رمضان"), "2015-06-18");
  rasd_analysis_free(a);
}

static void test_month_systems(void) {
  rasd_analysis *a = run("عقد المؤتمر في 15 جويلية 2015 ثم في 3 أفريل 2016. وأغلقت الحدود في كانون الثاني/ يناير عام 2020، "
                         "والتقيا في نيسان/ أبريل عام 2019 ثم خلال تموز/ يوليو. وفي ماي 2014 تغير الأمر.",
                         "2023-09-06");
  ASSERT_EQ_STR(val(a, "جويلية"), "2015-07-15");
  ASSERT_EQ_STR(val(a, "أفريل"), "2016-04-03");
  ASSERT_EQ_STR(val(a, "كانون الثاني"), "2020-01");
  ASSERT_EQ_STR(val(a, "نيسان"), "2019-04");
  ASSERT_EQ_STR(val(a, "تموز/ يوليو"), "2023-07");
  ASSERT_EQ_STR(val(a, "ماي"), "2014-05");
  rasd_analysis_free(a);
  /* ماي without a number is a word, not a month; أمس inside أمسية is not a date */
  a = run("قال ماي إنه حضر أمسية شعرية.", "2015-08-11");
  ASSERT_EQ_INT(a->n_timex, 0);
  rasd_analysis_free(a);
}

static void test_numeric(void) {
  rasd_analysis *a = run("صدر القرار بتاريخ 2015/08/11 ونشر في 11-8-2015 ثم في ١٢/٨/٢٠١٥ وآخر في 1436/10/26هـ.", "2015-08-20");
  ASSERT_EQ_STR(val(a, "2015/08/11"), "2015-08-11");
  ASSERT_EQ_STR(val(a, "11-8-2015"), "2015-08-11");
  ASSERT_EQ_STR(val(a, "٢٠١٥"), "2015-08-12");
  ASSERT_EQ_STR(val(a, "1436/10/26"), "2015-08-11");
  rasd_analysis_free(a);
}

static void test_ranges_years(void) {
  rasd_analysis *a = run("وستستضيف المدينة من 10 إلى 13 أيلول/ سبتمبر المنتدى. وخاضت حربا بين عامي 1950 و1953، "
                         "وزار البلدين في عامي 2018 و2019، ولم تخض حربا منذ عام 1953، والتقيا العام 2019.",
                         "2023-09-06");
  ASSERT_EQ_STR(val(a, "من 10"), "2023-09-10/2023-09-13");
  ASSERT_EQ_STR(val(a, "1950"), "1950/1953");
  ASSERT_EQ_STR(val(a, "2018"), "2018/2019");
  ASSERT_EQ_STR(val(a, "منذ عام 1953"), "1953");
  ASSERT_EQ_STR(val(a, "العام 2019"), "2019");
  rasd_analysis_free(a);
}

static void test_relative(void) {
  /* 2015-08-11 is a Tuesday */
  rasd_analysis *a = run("قال الوزير أمس إن الوفد سيزور القاهرة الأحد، بعد أن التقى الرئيس الأحد الماضي.\n"
                         "ووصل الوفد الاثنين إلى جدة.\n"
                         "وتعقد القمة غداً، على أن يجتمع المجلس الأسبوع المقبل، بعد اجتماعات الشهر الماضي.\n"
                         "وكان قد زار البلاد قبل أربع سنوات وقبل 75 عاماً كانت مختلفة، وفي فبراير من العام الماضي تغير شيء.\n"
                         "وفي السابع من مايو الماضي أعلن القرار، ويحل مطلع الشهر المقبل.",
                         "2015-08-11");
  ASSERT_EQ_STR(val(a, "أمس"), "2015-08-10");
  ASSERT_EQ_STR(val(a, "القاهرة الأحد") , "(none)");
  const rasd_timex *t = NULL;
  for (size_t i = 0; i < a->n_timex; i++)
    if (!strcmp(a->timex[i].text, "الأحد")) { t = &a->timex[i]; break; }
  ASSERT_EQ_STR(t ? t->value : NULL, "2015-08-16");
  CHECK(t && t->relative);
  ASSERT_EQ_STR(val(a, "الأحد الماضي"), "2015-08-09");
  ASSERT_EQ_STR(val(a, "الاثنين"), "2015-08-10");
  ASSERT_EQ_STR(val(a, "غداً"), "2015-08-12");
  ASSERT_EQ_STR(val(a, "الأسبوع المقبل"), "2015-W34");
  ASSERT_EQ_STR(val(a, "الشهر الماضي"), "2015-07");
  ASSERT_EQ_STR(val(a, "أربع سنوات"), "2011");
  ASSERT_EQ_STR(val(a, "75"), "1940");
  ASSERT_EQ_STR(val(a, "فبراير"), "2014-02");
  ASSERT_EQ_STR(val(a, "السابع من مايو"), "2015-05-07");
  ASSERT_EQ_STR(val(a, "مطلع الشهر"), "2015-09");
  /* events: one per dated sentence, ordered by date */
  CHECK(a->n_events >= 4);
  for (size_t i = 1; i < a->n_events; i++) CHECK(strcmp(a->events[i - 1].date, a->events[i].date) <= 0);
  rasd_analysis_free(a);
}

/* Two weekdays joined by و: the second is the day after the first in the same week (2025-04-22 is a Tuesday). */
static void test_weekday_pair(void) {
  rasd_analysis *a = run("وأعلنت إدارة التعليم تعليق الدراسة في مدارس جدة يومي الثلاثاء والأربعاء.\n"
                         "وكانت السيول قد اجتاحت المدينة يومي الأحد والاثنين.",
                         "2025-04-22");
  ASSERT_EQ_STR(val(a, "الثلاثاء"), "2025-04-22");
  ASSERT_EQ_STR(val(a, "والأربعاء"), "2025-04-23");
  ASSERT_EQ_STR(val(a, "الأحد"), "2025-04-20");
  ASSERT_EQ_STR(val(a, "والاثنين"), "2025-04-21");
  rasd_analysis_free(a);
  /* a future verb with the page's own weekday is that day; with المقبل, a week later (2015-08-03 is a Monday) */
  a = run("ومن المقرر أن يلتقي وزير الخارجية نظراءه في الدوحة الاثنين لبحث الاتفاق، على أن يزور الرياض الاثنين المقبل.", "2015-08-03");
  const rasd_timex *t0 = NULL;
  for (size_t i = 0; a && i < a->n_timex; i++)
    if (!strcmp(a->timex[i].text, "الاثنين")) { t0 = &a->timex[i]; break; }
  ASSERT_EQ_STR(t0 ? t0->value : NULL, "2015-08-03");
  ASSERT_EQ_STR(val(a, "الاثنين المقبل"), "2015-08-10");
  rasd_analysis_free(a);
}

/* A named weekday outweighs a publication day that is a day off, and a date given after اليوم is the value. */
static void test_weekday_wins(void) {
  /* 2015-07-21 was a Tuesday */
  rasd_analysis *a = run("واقترب الذهب من أدنى مستوياته أمس الثلاثاء بعد موجة بيع أول أمس الاثنين. "
                         "وقالت الوزارة إن المهلة تبدأ اليوم 20 يوليو. ووصل الوفد اليوم.", "2015-07-21");
  ASSERT_EQ_STR(val(a, "أمس الثلاثاء"), "2015-07-21");
  ASSERT_EQ_STR(val(a, "أمس الاثنين"), "2015-07-20");
  ASSERT_EQ_STR(val(a, "20 يوليو"), "2015-07-20");
  const rasd_timex *t = find(a, "20 يوليو");
  CHECK(t && !strstr(t->text, "اليوم"));
  const char *ev1 = NULL; /* the second sentence's event */
  for (size_t i = 0; a && i < a->n_events; i++)
    if (a->events[i].sentence == 1) ev1 = a->events[i].date;
  ASSERT_EQ_STR(ev1, "2015-07-20");
  rasd_analysis_free(a);
  /* without a weekday, أمس is the day before publication */
  a = run("وقال المتحدث أمس إن الحريق أخمد.", "2015-07-21");
  ASSERT_EQ_STR(val(a, "أمس"), "2015-07-20");
  rasd_analysis_free(a);
}

static void test_more_relative(void) {
  /* 2015-08-01 is a Saturday */
  rasd_analysis *a = run("نشرت الصحيفة الخبر أول من أمس، ويجتمع المجلس ظهر غدٍ، وتنطلق المنافسات في 19 من أغسطس الجاري، "
                         "واشتهرت المغنية في السبعينيات.", "2015-08-01");
  ASSERT_EQ_STR(val(a, "أمس"), "2015-07-30");
  ASSERT_EQ_STR(val(a, "غدٍ"), "2015-08-02");
  ASSERT_EQ_STR(val(a, "19 من أغسطس"), "2015-08-19");
  ASSERT_EQ_STR(val(a, "السبعينيات"), "197");
  rasd_analysis_free(a);
}

/* a month with no year more than six months after publication is last year's; within six months, this year's */
static void test_month_no_year(void) {
  rasd_analysis *a = run("وأقر مجلس الوزراء الميزانية في ديسمبر، وتنشر الوزارة بيانات الربع الثاني في تموز/يوليو.", "2025-04-24");
  ASSERT_EQ_STR(val(a, "ديسمبر"), "2024-12");
  ASSERT_EQ_STR(val(a, "يوليو"), "2025-07");
  rasd_analysis_free(a);
  a = run("ويعقد المؤتمر السنوي للشركة في أكتوبر.", "2015-08-02");
  ASSERT_EQ_STR(val(a, "أكتوبر"), "2015-10");
  rasd_analysis_free(a);
}

static void test_no_pubdate(void) {
  rasd_analysis *a = run("وصل الوفد أمس، ويغادر الأحد المقبل، وكان قد زار البلاد في 3 مارس 2014.", NULL);
  const rasd_timex *t = find(a, "أمس");
  CHECK(t && t->value == NULL && t->relative);
  t = find(a, "الأحد");
  CHECK(t && t->value == NULL && t->relative);
  ASSERT_EQ_STR(val(a, "مارس"), "2014-03-03");
  rasd_analysis_free(a);
}

static void test_bad_input(void) {
  /* invalid bytes, NUL, digits runs, lone month names: no crash */
  static const char bad[] = "\xff\xfe 12 \x00 سبتمبر \xd8 2015/13/45 99-99-9999 من 31 إلى 2 فبراير ١٤٣٦هـ 0000هـ";
  rasd_doc d = {0};
  d.text = (char *)bad;
  d.text_len = sizeof bad - 1;
  d.date = "2015-02-30";
  rasd_analysis *a = NULL;
  ASSERT_EQ_INT(rasd_analyze(M, &d, &a), RASD_OK);
  rasd_analysis_free(a);
}

int main(void) {
  char *err = NULL;
  if (rasd_models_load(NULL, &M, &err) != RASD_OK) {
    printf("cannot load models: %s\n0 passed, 1 failed\n", err ? err : "?");
    return 1;
  }
  RUN(test_hijri_icu);
  RUN(test_hijri_text);
  RUN(test_month_systems);
  RUN(test_numeric);
  RUN(test_ranges_years);
  RUN(test_relative);
  RUN(test_more_relative);
  RUN(test_weekday_wins);
  RUN(test_weekday_pair);
  RUN(test_month_no_year);
  RUN(test_no_pubdate);
  RUN(test_square_metres_no_year);
  RUN(test_bad_input);
  rasd_models_free(M);
  TH_DONE();
}
