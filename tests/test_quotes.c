/* test_quotes.c — quotations: marks, speakers and roles, continuations, indirect speech, non-quotes, bad input. */
#include <time.h>
#include "harness.h"
#include "rasd.h"

static rasd_models *M;

static rasd_analysis *run(const char *text, size_t len) {
  rasd_doc d = {0};
  d.text = (char *)text;
  d.text_len = len;
  d.date = "2023-09-11";
  rasd_analysis *a = NULL;
  if (rasd_analyze(M, &d, &a) != RASD_OK) return NULL;
  return a;
}

static const rasd_quote *q_with(const rasd_analysis *a, const char *needle) {
  for (size_t i = 0; a && i < a->n_quotes; i++)
    if (strstr(a->quotes[i].text, needle)) return &a->quotes[i];
  return NULL;
}

static void test_direct_colon_role(void) {
  const char *t = "وقال سامر الخطيب، الباحث البارز في جامعة دمشق: “إن الاتفاق سيغير قواعد اللعبة في المنطقة”.\n"
                  "وأضاف: «لا أحد يستطيع أن يتجاهل ما حدث في الأيام الماضية».\n"
                  "“نحن نتحدث عن مرحلة جديدة تماما. ربما تستغرق سنوات”.";
  rasd_analysis *a = run(t, strlen(t));
  const rasd_quote *q = q_with(a, "قواعد اللعبة");
  CHECK(q && q->direct);
  ASSERT_EQ_STR(q ? q->speaker : NULL, "سامر الخطيب");
  ASSERT_EQ_STR(q ? q->speaker_role : NULL, "الباحث البارز في جامعة دمشق");
  ASSERT_EQ_STR(q ? q->cue : NULL, "قال");
  CHECK(q && !strncmp(q->text, "إن الاتفاق", strlen("إن الاتفاق")) && q->start < q->end && q->end <= strlen(t));
  CHECK(q && !memcmp(t + q->start, q->text, q->end - q->start));
  q = q_with(a, "لا أحد يستطيع");
  ASSERT_EQ_STR(q ? q->speaker : NULL, "سامر الخطيب");
  /* a paragraph that is only a quotation continues the previous speaker */
  q = q_with(a, "مرحلة جديدة");
  ASSERT_EQ_STR(q ? q->speaker : NULL, "سامر الخطيب");
  rasd_analysis_free(a);
}

static void test_role_first_and_org(void) {
  const char *t = "بدورها، قالت الناطقة باسم وزارة الخارجية، ليلى حسن: \"نرفض هذه الاتهامات جملة وتفصيلا\"، "
                  "مردفة بأن \"الحوار هو الطريق الوحيد لحل الأزمة\".\n"
                  "وقال الكرملين في بيان إن \"اللقاءات جرت في أجواء ود وثقة مميزة\".\n"
                  "وقال مستشار الأمن القومي الأمريكي جيك سوليفان للصحفيين إن واشنطن ستراقب الوضع عن كثب.";
  rasd_analysis *a = run(t, strlen(t));
  const rasd_quote *q = q_with(a, "نرفض هذه");
  ASSERT_EQ_STR(q ? q->speaker : NULL, "ليلى حسن");
  ASSERT_EQ_STR(q ? q->speaker_role : NULL, "الناطقة باسم وزارة الخارجية");
  q = q_with(a, "الحوار هو الطريق");
  ASSERT_EQ_STR(q ? q->speaker : NULL, "ليلى حسن");
  q = q_with(a, "اللقاءات جرت");
  ASSERT_EQ_STR(q ? q->speaker : NULL, "الكرملين");
  q = q_with(a, "واشنطن ستراقب");
  CHECK(q && !q->direct);
  ASSERT_EQ_STR(q ? q->speaker : NULL, "جيك سوليفان");
  ASSERT_EQ_STR(q ? q->speaker_role : NULL, "مستشار الأمن القومي الأمريكي");
  rasd_analysis_free(a);
}

static void test_role_then_name(void) {
  const char *t = "قال رئيس القطاع الديني بوزارة الأوقاف، الشيخ محمد عبد الرازق، إن القرار نهائي ولا رجعة فيه.\n"
                  "وقال المتحدث باسم البيت الأبيض، جوش إرنست، إن واشنطن حريصة على أمن الخليج.\n"
                  "وقال المتحدث باسم البيت الأبيض إن تركيا عبرت عن استعدادها لفتح القاعدة.\n"
                  "وكتب يقول \"إن الحادث يظهر التهديد المستمر لأفراد الوزارة في الداخل\".\n"
                  "كشف قائد عسكري موال للرئيس عبد ربه منصور هادي عن أن المقاومة أعدت خطة لتحرير المدن.";
  rasd_analysis *a = run(t, strlen(t));
  const rasd_quote *q = q_with(a, "القرار نهائي");
  ASSERT_STR_CONTAINS(q ? q->speaker : NULL, "محمد عبد الرازق");
  ASSERT_EQ_STR(q ? q->speaker_role : NULL, "رئيس القطاع الديني بوزارة الأوقاف");
  q = q_with(a, "تركيا عبرت");
  ASSERT_EQ_STR(q ? q->speaker : NULL, "جوش إرنست");
  q = q_with(a, "التهديد المستمر");
  ASSERT_EQ_STR(q ? q->speaker : NULL, "جوش إرنست");
  q = q_with(a, "المقاومة أعدت");
  CHECK(q && q->speaker && !strstr(q->speaker, "هادي"));
  rasd_analysis_free(a);
}

static void test_indirect_and_adverbial(void) {
  const char *t = "وقال البنتاغون هذا الشهر إن روسيا طلبت ذخيرة من كوريا الشمالية، مشيرا إلى أن الطلب كان مدفوعا بنقص الأسلحة.\n"
                  "وأوضح أن الإمدادات ستصل خلال أسابيع قليلة.";
  rasd_analysis *a = run(t, strlen(t));
  const rasd_quote *q = q_with(a, "روسيا طلبت");
  CHECK(q && !q->direct);
  ASSERT_EQ_STR(q ? q->speaker : NULL, "البنتاغون");
  CHECK(q && !strstr(q->text, "مشيرا"));
  q = q_with(a, "الطلب كان");
  ASSERT_EQ_STR(q ? q->speaker : NULL, "البنتاغون");
  ASSERT_EQ_STR(q ? q->cue : NULL, "مشيرا");
  q = q_with(a, "الإمدادات ستصل");
  ASSERT_EQ_STR(q ? q->speaker : NULL, "البنتاغون");
  rasd_analysis_free(a);
}

static void test_after_and_unclosed(void) {
  const char *t = "“لن نسمح بتكرار ما حدث في الماضي أبدا”، قال الرئيس عبد الله.\n"
                  "ويشير السيد كريم إلى أن الوضع معقد. “الأميركيون يريدون الحديث عن البرنامج فقط. تقول ليلى: “لا يوجد شيء يريدونه الآن”.\n"
                  "وقال خالد: “هذه الجملة لا تنتهي بعلامة إغلاق";
  rasd_analysis *a = run(t, strlen(t));
  const rasd_quote *q = q_with(a, "لن نسمح");
  ASSERT_STR_CONTAINS(q ? q->speaker : NULL, "عبد الله");
  q = q_with(a, "لا يوجد شيء");
  ASSERT_EQ_STR(q ? q->speaker : NULL, "ليلى");
  q = q_with(a, "لا تنتهي");
  ASSERT_EQ_STR(q ? q->speaker : NULL, "خالد");
  CHECK(q && !strstr(q->text, "“"));
  rasd_analysis_free(a);
}

static void test_not_quotes(void) {
  const char *t = "بحسب ما ذكره جوست أوليمانز، خبير الأسلحة الذي شارك في تأليف كتاب \"القوات المسلحة لكوريا الشمالية\".\n"
                  "وكانت وكالة \"يونهاب\" الكورية الجنوبية قد نشرت الخبر، ورجح أن يصل كيم \"قريباً\" إلى روسيا.\n"
                  "التقى الوفد في إطار \"مواصلة الحوار الاستراتيجي\" بين البلدين.\n"
                  "وأضاف ليامين، في حديث لـ\"العربي الجديد\"، أنه لا يتوقع تغييرات كبيرة.";
  rasd_analysis *a = run(t, strlen(t));
  CHECK(q_with(a, "القوات المسلحة") == NULL || strstr(q_with(a, "القوات المسلحة")->text, "ذكره"));
  for (size_t i = 0; i < a->n_quotes; i++) {
    CHECK(strcmp(a->quotes[i].text, "يونهاب") != 0);
    CHECK(strcmp(a->quotes[i].text, "قريباً") != 0);
    CHECK(strcmp(a->quotes[i].text, "مواصلة الحوار الاستراتيجي") != 0);
    CHECK(strcmp(a->quotes[i].text, "العربي الجديد") != 0);
    CHECK(strcmp(a->quotes[i].text, "القوات المسلحة لكوريا الشمالية") != 0);
  }
  const rasd_quote *q = q_with(a, "لا يتوقع");
  ASSERT_EQ_STR(q ? q->speaker : NULL, "ليامين");
  rasd_analysis_free(a);
}

/* A name in «» inside a «» quotation, its mark against the word before it (لـ«…»), is part of the quotation. */
static void test_nested_name(void) {
  const char *t = "وقال رئيس الوزراء بعد الاجتماع: «سنتوجه لـ«محكمة العدل الدولية» وسيكون لنا موقف آخر في القريب العاجل». "
                  "وأضاف أن الحكومة ستعلن خطتها غدا.";
  rasd_analysis *a = run(t, strlen(t));
  const rasd_quote *q = q_with(a, "سنتوجه");
  CHECK(q && strstr(q->text, "القريب العاجل"));
  ASSERT_EQ_STR(q ? q->speaker : NULL, "رئيس الوزراء");
  rasd_analysis_free(a);
}

/* ″ (what word processors make of " after a digit) closes “; a quoted model name after طراز or نظام is no quotation. */
static void test_prime_close_and_model_names(void) {
  const char *t = "وأكد متحدث باسم الشركة أن الطائرة من طراز “سيسنا 172″، وأنها سقطت بعد دقائق من إقلاعها.\n"
                  "وقالت مواقع متخصصة إن نظام “ويندوز 10″ سيصل إلى الأجهزة القديمة مجانا خلال عام.";
  rasd_analysis *a = run(t, strlen(t));
  CHECK(a != NULL);
  for (size_t i = 0; a && i < a->n_quotes; i++) {
    CHECK(!a->quotes[i].direct);
    CHECK(strcmp(a->quotes[i].text, "سيسنا 172") != 0);
    CHECK(strcmp(a->quotes[i].text, "ويندوز 10") != 0);
  }
  const rasd_quote *q = q_with(a, "سقطت بعد دقائق");
  CHECK(q && !q->direct);
  q = q_with(a, "الأجهزة القديمة");
  CHECK(q && !q->direct);
  ASSERT_EQ_STR(q ? q->speaker : NULL, "مواقع متخصصة");
  rasd_analysis_free(a);
}

/* A named person who "stressed the importance of…" (no reported clause) is the one a following مشيرا إلى أن
 * continues, not an earlier speaker. */
static void test_named_subject_continues(void) {
  const char *t = "وقال مدير المهرجان سامي العتيبي إن الفعاليات ستستمر أسبوعين.\n"
                  "وأكد المهندس فهد القرشي المشرف على المعرض أهمية المتاحف الخاصة في حفظ التراث.\n"
                  "مشيرا إلى أن غالبية المتاحف تواجه صعوبات في التمويل والتسويق.";
  rasd_analysis *a = run(t, strlen(t));
  const rasd_quote *q = q_with(a, "غالبية المتاحف");
  CHECK(q != NULL);
  CHECK(q && q->speaker && strstr(q->speaker, "فهد القرشي"));
  q = q_with(a, "ستستمر أسبوعين");
  CHECK(q && q->speaker && strstr(q->speaker, "سامي العتيبي"));
  rasd_analysis_free(a);
}

static void test_quoted_speaker(void) {
  /* a short name in quote marks between the verb and إن is the speaker, not a quotation of the previous one */
  const char *t = "وقال الرئيس باراك أوباما إن الاتفاق جيد للمنطقة كلها.\n"
                  "وفي المجال الرياضي، نقل تلفزيون «إي إس بي إن» خبر اختيار الصين. وقال «إي إس بي إن» إن هذا ثاني انتصار كبير للصين.";
  rasd_analysis *a = run(t, strlen(t));
  CHECK(q_with(a, "بي إن") == NULL || strstr(q_with(a, "بي إن")->text, "انتصار"));
  const rasd_quote *q = q_with(a, "ثاني انتصار");
  CHECK(q && q->speaker && strstr(q->speaker, "إي إس بي إن") && !q->direct);
  rasd_analysis_free(a);
}

static void test_wafq_not_source(void) {
  /* وفق "in accordance with" a rule or a way is no attribution: the participle after it continues the ministry */
  const char *t = "وأعلنت وزارة الحج أن أسعار الخدمات ارتفعت هذا العام بنسبة كبيرة. وتتدرج الأسعار وفقًا لفئة المخيم "
                  "ووسيلة النقل، مبينة أنها ستخصص نسبة محددة من الطاقة الاستيعابية لكل فئة من الفئات.\n"
                  "وقال مصدر عسكري إن القوات تقدمت، وفق مصدر عسكري آخر تحدث للصحيفة عن المعارك.";
  rasd_analysis *a = run(t, strlen(t));
  const rasd_quote *q = q_with(a, "نسبة محددة");
  CHECK(q && q->speaker && strstr(q->speaker, "وزارة"));
  rasd_analysis_free(a);
}

static void test_pronoun_speakers(void) {
  /* an honorific with its pronoun is the person named before; a preposition with a pronoun is no speaker */
  const char *t = "رعى صاحب السمو الأمير مشعل بن ماجد محافظ جدة حفل التخرج أمس في مقر الجامعة.\n"
                  "وأكد سموه أن الوطن يفخر بأبنائه المتخرجين ويعول عليهم في بناء المستقبل.\n"
                  "وقال فيه الشاعر إن القصيدة كتبت في ليلة واحدة قبل سنوات طويلة من اليوم.";
  rasd_analysis *a = run(t, strlen(t));
  const rasd_quote *q = q_with(a, "يفخر بأبنائه");
  CHECK(q && q->speaker && strstr(q->speaker, "مشعل بن ماجد"));
  q = q_with(a, "كتبت في ليلة");
  CHECK(!q || !q->speaker || strcmp(q->speaker, "فيه"));
  rasd_analysis_free(a);
}

static void test_clause_after_verb(void) {
  /* "وأضاف تمت مناقشة …": a clause straight after the verb is what was said, by the speaker before; "لفت النظر إلى أن"
   * has no subject النظر */
  const char *t = "وقال الرئيس العام لرعاية الشباب عبدالله بن مساعد إن الأندية وافقت على المقترح الجديد بالإجماع.\n"
                  "وأضاف تمت مناقشة آلية حوافز دوري الشباب والناشئين وإعادة هيكلة الآلية لتشجيع الأندية.\n"
                  "ولفت النظر إلى أن الملعب سيكون جاهزا قبل نهاية العام الحالي بحسب الخطة.";
  rasd_analysis *a = run(t, strlen(t));
  const rasd_quote *q = q_with(a, "آلية حوافز");
  CHECK(q && q->speaker && strstr(q->speaker, "عبدالله بن مساعد"));
  q = q_with(a, "الملعب سيكون جاهزا");
  CHECK(q && q->speaker && strstr(q->speaker, "عبدالله بن مساعد"));
  rasd_analysis_free(a);
}

static void test_role_antecedent(void) {
  /* "وقال الوزير" is the minister the article named; "وقالت المصادر" names no one */
  const char *t = "التقى وزير الخارجية البريطاني فيليب هاموند نظيره الإيراني في طهران أمس.\n"
                  "وقال الوزير إن بلاده ستعيد فتح سفارتها في العاصمة الإيرانية خلال أيام قليلة.\n"
                  "وقالت المصادر إن الزيارة استمرت ساعات عدة في مقر الوزارة وسط تكتم شديد.";
  rasd_analysis *a = run(t, strlen(t));
  const rasd_quote *q = q_with(a, "ستعيد فتح سفارتها");
  CHECK(q && q->speaker && strstr(q->speaker, "فيليب هاموند"));
  q = q_with(a, "استمرت ساعات");
  CHECK(q && q->speaker && !strstr(q->speaker, "هاموند"));
  rasd_analysis_free(a);
}

static void test_body_antecedent(void) {
  /* "وأوضحت الوزارة" is the ministry the article named; the body is the speaker's entity. A role noun straight before
   * a body, then a person: the person speaks, the rest is the role */
  const char *t = "أعلنت وزارة المالية اليوم نتائج الميزانية العامة للربع الأول من العام.\n"
                  "وأوضحت الوزارة في بيانها أن الإيرادات غير النفطية سجلت نموا ملحوظا.\n"
                  "وقال وكيل وزارة المالية للسياسات المالية عبدالعزيز الرشيد إن \"النتائج تعكس التقدم\".";
  rasd_analysis *a = run(t, strlen(t));
  const rasd_quote *q = q_with(a, "الإيرادات غير النفطية");
  CHECK(q && q->speaker && !strcmp(q->speaker, "وزارة المالية") && q->speaker_entity >= 0 &&
        q->speaker_role && !strcmp(q->speaker_role, "الوزارة"));
  q = q_with(a, "النتائج تعكس");
  CHECK(q && q->speaker && !strcmp(q->speaker, "عبدالعزيز الرشيد") && q->speaker_entity >= 0);
  rasd_analysis_free(a);
}

/* CPU seconds (the machine is shared: wall time would be flaky). */
static double now(void) { return (double)clock() / CLOCKS_PER_SEC; }

static void test_linear(void) {
  /* 10,000 unbalanced quote marks, and a 1 MB paragraph with cues and one open quote */
  size_t n = 10000;
  char *s = malloc(n * 12 + 64);
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    const char *m = i % 3 == 0 ? "“" : i % 3 == 1 ? "\"" : "«";
    size_t l = strlen(m);
    memcpy(s + k, m, l);
    k += l;
    memcpy(s + k, "قال ", 7);
    k += 7;
  }
  double t0 = now();
  rasd_analysis *a = run(s, k);
  double t1 = now();
  CHECK(a != NULL);
  CHECK(t1 - t0 < 4.0);
  rasd_analysis_free(a);
  free(s);
  size_t big = 1 << 20;
  const char *unit = "وقال الوزير إن “الوضع صعب ";
  size_t ul = strlen(unit);
  s = malloc(big + ul);
  for (k = 0; k + ul < big; k += ul) memcpy(s + k, unit, ul);
  t0 = now();
  a = run(s, k);
  t1 = now();
  CHECK(a != NULL);
  CHECK(t1 - t0 < 10.0);
  rasd_analysis_free(a);
  free(s);
}

static void test_bad_bytes(void) {
  static const char bad[] = "\xff“\x00قال: \xd8\"\"\"«»» “ ” \xe2\x80";
  rasd_analysis *a = run(bad, sizeof bad - 1);
  CHECK(a != NULL);
  rasd_analysis_free(a);
  a = run("", 0);
  CHECK(a != NULL && a->n_quotes == 0);
  rasd_analysis_free(a);
}

/* the Quran and the hadith quoted with a formula of praise: God and the Prophet speak, not the formula */
static void test_pious_speakers(void) {
  const char *t = "وقال تعالى: \"وتعاونوا على البر والتقوى\".\nوقال الله عز وجل: \"واعتصموا بحبل الله جميعا\".\n"
                  "وقال رسول الله صلى الله عليه وسلم: \"الدين النصيحة\".\nوقال صلى الله عليه وسلم: \"من غشنا فليس منا\".\n"
                  "وقال المتحدث: \"الحمد لله على سلامة الجميع\".";
  static const char *const want[][2] = {{"البر والتقوى", "الله"}, {"بحبل الله", "الله"}, {"الدين النصيحة", "رسول الله"},
                                         {"من غشنا", "النبي"}, {"سلامة الجميع", "المتحدث"}};
  rasd_analysis *a = run(t, strlen(t));
  for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
    const rasd_quote *q = q_with(a, want[k][0]);
    ASSERT_EQ_STR(q ? q->speaker : NULL, want[k][1]);
  }
  rasd_analysis_free(a);
}

int main(void) {
  char *err = NULL;
  if (rasd_models_load(NULL, &M, &err) != RASD_OK) {
    printf("cannot load models: %s\n0 passed, 1 failed\n", err ? err : "?");
    return 1;
  }
  RUN(test_direct_colon_role);
  RUN(test_role_first_and_org);
  RUN(test_role_then_name);
  RUN(test_indirect_and_adverbial);
  RUN(test_after_and_unclosed);
  RUN(test_not_quotes);
  RUN(test_nested_name);
  RUN(test_prime_close_and_model_names);
  RUN(test_named_subject_continues);
  RUN(test_quoted_speaker);
  RUN(test_wafq_not_source);
  RUN(test_pronoun_speakers);
  RUN(test_clause_after_verb);
  RUN(test_role_antecedent);
  RUN(test_body_antecedent);
  RUN(test_pious_speakers);
  RUN(test_linear);
  RUN(test_bad_bytes);
  rasd_models_free(M);
  TH_DONE();
}
