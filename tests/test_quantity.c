/* test_quantity.c — numbers with units: digits, Hindi digits, scale words, number words, percentages. */
#include "harness.h"
#include "rasd.h"

static rasd_models *M;

static rasd_analysis *run(const char *text) {
  rasd_doc d = {0};
  d.text = (char *)text;
  d.text_len = strlen(text);
  d.date = "2023-09-11";
  rasd_analysis *a = NULL;
  if (rasd_analyze(M, &d, &a) != RASD_OK) return NULL;
  return a;
}

static const rasd_quantity *find(const rasd_analysis *a, const char *needle) {
  for (size_t i = 0; a && i < a->n_quantities; i++)
    if (strstr(a->quantities[i].text, needle)) return &a->quantities[i];
  return NULL;
}

static void test_units(void) {
  rasd_analysis *a = run("تبعد حوالي 700 ميل عن العاصمة، ويبلغ عدد سكانها 26 مليون نسمة. وتشمل قذائف من عيار 152 ملم، "
                         "وارتفعت الأسعار 21% خلال العام، وقتل ثلاثة آلاف شخص، ووقعت صفقة بقيمة ٣٫٥ مليار دولار مع 68 دولة.");
  const rasd_quantity *q = find(a, "700");
  CHECK(q && q->value == 700);
  ASSERT_EQ_STR(q ? q->unit : NULL, "ميل");
  q = find(a, "26");
  CHECK(q && q->value == 26000000.0);
  ASSERT_EQ_STR(q ? q->unit : NULL, "نسمة");
  q = find(a, "152");
  ASSERT_EQ_STR(q ? q->unit : NULL, "ملم");
  q = find(a, "21");
  CHECK(q && q->value == 21);
  ASSERT_EQ_STR(q ? q->unit : NULL, "%");
  q = find(a, "ثلاثة");
  CHECK(q && q->value == 3000);
  ASSERT_EQ_STR(q ? q->unit : NULL, "شخص");
  q = find(a, "٣٫٥");
  CHECK(q && q->value == 3.5e9);
  ASSERT_EQ_STR(q ? q->unit : NULL, "دولار");
  q = find(a, "68");
  ASSERT_EQ_STR(q ? q->unit : NULL, "دولة");
  for (size_t i = 0; a && i < a->n_quantities; i++) CHECK(a->quantities[i].start < a->quantities[i].end);
  rasd_analysis_free(a);
}

/* Square and cubic metres written with the digit after the unit: م2، كم2، م3. */
static void test_square_measures(void) {
  rasd_analysis *a = run("أقيم السوق داخل خيمة بمساحة 1500م2 تضم 70 محلا، وتبلغ مساحة الحي 20 كم2 وفيه خزان بسعة 500 م3.");
  const rasd_quantity *q = find(a, "1500");
  CHECK(q && q->value == 1500);
  ASSERT_EQ_STR(q ? q->unit : NULL, "متر مربع");
  q = find(a, "20 كم");
  ASSERT_EQ_STR(q ? q->unit : NULL, "كيلومتر مربع");
  q = find(a, "500 م");
  ASSERT_EQ_STR(q ? q->unit : NULL, "متر مكعب");
  CHECK(find(a, "تضم") == NULL); /* the digit of م2 is no number of its own */
  rasd_analysis_free(a);
}

/* Numbers written in two or three words: teens, units and tens, hundreds and the rest. */
static void test_compound_words(void) {
  rasd_analysis *a = run("وأسفرت المعارك عن سقوط أحد عشر قتيلا في صفوف القوات، وأصيب ثلاثة عشر شخصا بجروح، وقتل خمسة وعشرون جنديا "
                         "في الهجوم، وشارك في الحفل مئة وخمسون شخصا، ووصل اثنا عشر قتيلا إلى المستشفى.");
  const rasd_quantity *q = find(a, "أحد عشر");
  CHECK(q && q->value == 11);
  ASSERT_EQ_STR(q ? q->unit : NULL, "قتيل");
  q = find(a, "ثلاثة عشر");
  CHECK(q && q->value == 13);
  ASSERT_EQ_STR(q ? q->unit : NULL, "شخص");
  q = find(a, "خمسة وعشرون");
  CHECK(q && q->value == 25);
  q = find(a, "مئة وخمسون");
  CHECK(q && q->value == 150);
  q = find(a, "اثنا عشر");
  CHECK(q && q->value == 12);
  rasd_analysis_free(a);
  a = run("ووصلت إحدى عشرة سيدة، وقتل وإحدى عشرة جنديا، وغرامة لا تقل عن مئتين وخمسين ألف درهم.");
  q = find(a, "إحدى عشرة سيدة");
  CHECK(q && q->value == 11);
  q = find(a, "وإحدى عشرة");
  CHECK(q && q->value == 11);
  q = find(a, "مئتين وخمسين");
  CHECK(q && q->value == 250000);
  ASSERT_EQ_STR(q ? q->unit : NULL, "درهم");
  /* "one of" is not a number */
  rasd_analysis_free(a);
  a = run("وقال أحد المسؤولين إن الوضع مستقر.");
  CHECK(a != NULL && a->n_quantities == 0);
  rasd_analysis_free(a);
}

static void test_not_quantities(void) {
  /* years, dates and model codes are not quantities */
  rasd_analysis *a = run("مثل الدبابات T-54 وT-62 منذ عام 1953، وفي 11 سبتمبر 2023 وقع الاتفاق.");
  ASSERT_EQ_INT(a ? a->n_quantities : 99, 0);
  rasd_analysis_free(a);
  a = run("بلغ العدد 1,200 جندي و3.5 في المئة من السكان.");
  const rasd_quantity *q = find(a, "1,200");
  CHECK(q && q->value == 1200);
  q = find(a, "3.5");
  CHECK(q && q->value == 3.5);
  ASSERT_EQ_STR(q ? q->unit : NULL, "%");
  rasd_analysis_free(a);
  /* ر as a decimal sign, the sides reversed (7ر1 مليون برميل: 1.7 million); two of them are no sure reading */
  a = run("ورفعت المنظمة الإنتاج أكثر من 7ر1 مليون برميل يوميا، وبلغ سعر البرميل 2ر52 دولار، وبلغ المجموع 1ر625ر34 ريالا.");
  q = find(a, "7ر1");
  CHECK(q && q->value == 1700000.0);
  ASSERT_EQ_STR(q ? q->unit : NULL, "برميل");
  q = find(a, "2ر52");
  CHECK(q && q->value > 52.19 && q->value < 52.21);
  CHECK(!find(a, "625"));
  rasd_analysis_free(a);
  /* times of day: 18:02, and numbers after الساعة (not 2 'بالتوقيت' against another outlet's 18.02) */
  a = run("وتلقى المكتب بلاغا عند الساعة 18:02 بالتوقيت المحلي، وسقطت الطائرة في الساعة 14.08 بالتوقيت المحلي وعلى متنها 4 ركاب.");
  ASSERT_EQ_INT(a ? (int)a->n_quantities : 99, 1);
  q = find(a, "4");
  CHECK(q && q->value == 4);
  rasd_analysis_free(a);
}

int main(void) {
  char *err = NULL;
  if (rasd_models_load(NULL, &M, &err) != RASD_OK) {
    printf("cannot load models: %s\n0 passed, 1 failed\n", err ? err : "?");
    return 1;
  }
  RUN(test_units);
  RUN(test_square_measures);
  RUN(test_compound_words);
  RUN(test_not_quantities);
  rasd_models_free(M);
  TH_DONE();
}
