// The interface's words in both languages. The data brings its own: bilingual fields are chosen
// with `bi`, and fields the API gives in one language only are marked with that language.

/** @typedef {"en" | "ar"} Lang */

const STRINGS = {
  en: {
    appTitle: "Parley explorer",
    tagline: "The 2025 Russia–US embassy talks, cited fact by cited fact",
    skip: "Skip to content",
    navLabel: "Explorer",
    timeline: "Timeline",
    round: "Round {n}",
    sources: "Sources",
    searchLabel: "Search",
    searchPlaceholder: "Search in Arabic or English",
    switchTo: "العربية",
    switchToLabel: "اعرض الواجهة بالعربية",
    loading: "Loading…",
    error: "Could not load this view: {detail}",
    errorHeading: "Not shown",
    notFound: "There is no such view.",
    backToTimeline: "Back to the timeline",
    support_single_source: "single source",
    support_corroborated: "corroborated",
    support_disputed: "disputed",
    support_inferred: "curators' reading",
    supportLabel: "Support",
    claim_stated: "stated",
    claim_occurred: "took place",
    claim_date: "date",
    claim_city: "city",
    claim_took_part: "took part",
    claim_role: "role",
    claim_came_up: "came up",
    claim_raised_by: "raised by",
    claim_on_agenda: "on the agenda",
    claim_outcome: "outcome",
    claim_said: "said",
    claimsLabel: "Each claim's support",
    supportsLabel: "Supports",
    inferredLabel: "Inferred by the curators",
    sourceCount_one: "1 source",
    sourceCount_other: "{n} sources",
    side_RU: "Russia",
    side_US: "United States",
    sideNone: "no side",
    role_delegation_head: "Heads of delegation",
    role_minister: "Ministers",
    role_spokesperson: "Spokespeople",
    role_announcer: "Announced by",
    role_delegation: "Delegations",
    outcome_raised: "raised",
    outcome_proposed: "proposed",
    outcome_discussed: "discussed",
    outcome_limited_progress: "limited progress",
    outcome_excluded: "excluded",
    outcome_planned: "planned",
    outcome_listed: "listed as a goal",
    kind_meeting: "meeting",
    kind_appointment: "appointment",
    kind_announcement: "announcement",
    kind_statement: "statement",
    reason_boilerplate: "page boilerplate",
    reason_unrelated: "not about the talks",
    reason_commentary: "commentary",
    reason_repeated: "repeated",
    reason_heading: "heading",
    fact_round: "meeting",
    fact_round_venue: "venue of a meeting",
    fact_round_participant: "participant in a meeting",
    fact_round_issue: "issue at a meeting",
    fact_participant: "participant",
    fact_participant_title: "participant's title",
    fact_participant_alias: "spelling of a name",
    fact_issue: "issue",
    fact_issue_item: "item of an issue",
    fact_fact_version: "one version of a disputed fact",
    fact_statement: "statement",
    fact_attribution: "attribution",
    fact_event: "event",
    type_round: "meeting",
    type_participant: "participant",
    type_issue: "issue",
    type_statement: "statement",
    type_event: "event",
    type_source: "source",
    change_new: "new",
    change_carried_over: "carried over",
    change_dropped: "dropped",
    status_held: "held",
    status_announced: "announced",
    dateUnknown: "date unknown",
    dateAbout: "about {date}",
    dateWindow: "some time {range}",
    dateOnOrBefore: "on or before {date}",
    dateNoteLabel: "How the date is known",
    timelineHeading: "Timeline of the talks",
    filterParticipant: "Participant",
    filterKind: "Kind",
    filterAll: "All",
    filtersLabel: "Filter the timeline",
    eventCount: "{n} events",
    noEvents: "No events match these filters.",
    clearFilters: "Show all events",
    participantsLabel: "Who",
    roundDate: "Date",
    roundCity: "City",
    roundStatus: "Status",
    disputedFields: "Disputed in the sources: {fields}",
    field_aim: "aim",
    field_parties: "parties",
    field_venue: "venue",
    field_title: "title",
    field_name_ar: "Arabic name",
    field_name: "name",
    field_gist: "gist",
    field_summary: "summary",
    field_alias: "another spelling",
    field_text: "text",
    venues: "Venue, as the sources give it",
    aspects: "How it went, as the sources give it",
    aspect_duration: "Duration",
    aspect_press: "Press",
    aspect_ending: "How it ended",
    noVenue: "The sources give no venue.",
    preferred: "preferred reading",
    otherReading: "other reading",
    participants: "Participants by role",
    issues: "Issues",
    raisedBy: "Raised by",
    raisedByUnknown: "not stated in the sources",
    agenda: "Agenda",
    onAgenda: "on the agenda",
    offAgenda: "kept off the agenda",
    outcome: "Outcome",
    compare: "Compare with another round",
    compareWith: "Compare with round {n}",
    compareClose: "Stop comparing",
    compareHeading: "Round {a} → round {b}, issue by issue",
    compareIssue: "Issue",
    compareChange: "Change",
    notInRound: "—",
    notGiven: "not given",
    citations: "Evidence ({n})",
    readInSource: "Read in the source",
    glossLabel: "English gloss",
    sourcesHeading: "Sources",
    sourcesIntro:
      "The articles every fact is cited from. Open one to read it with its cited passages highlighted.",
    published: "Published",
    language: "Language",
    language_ar: "Arabic",
    language_en: "English",
    characters: "{n} characters",
    attribution: "Attributed to",
    coverage:
      "{cited} of {sentences} sentences cited ({share} of the text); {marked} set aside with a reason; {uncovered} unaccounted for.",
    readerHelp:
      "Highlighted passages are cited as evidence; choose one to see what it supports. Greyed passages were read and set aside, with the reason shown.",
    selectedHeading: "The chosen passage",
    supports: "What it supports",
    chooseSpan: "Choose a highlighted passage to see the facts it supports.",
    markedAs: "Set aside: {reason}",
    overlapping: "Passages overlapping this one",
    uncitedHeading: "Passages set aside, and why",
    spanRange: "characters {start}–{end}",
    notCited: "This stretch of text is not a cited passage.",
    searchHeading: "Search",
    searchResults: "{n} results for “{q}”",
    searchNone: "Nothing matches “{q}”.",
    searchPrompt: "Type in the search box, in Arabic or English.",
    matchedIn: "matched in {field}",
    via: "via {via}",
    issueHeading: "Issue",
    participantHeading: "Participant",
    onTimeline: "Their events on the timeline",
    titles: "Titles, as the sources give them",
    aliases: "Spellings of the name in the sources",
    meetings: "Meetings",
    statements: "What they said",
    issueRounds: "At each meeting",
    issueItems: "Items",
    listSeparator: ", ",
  },
  ar: {
    appTitle: "مستكشف بارلي",
    tagline: "المباحثات الروسية الأمريكية لعام 2025 بشأن عمل السفارات، حقيقةً حقيقةً بمصادرها",
    skip: "انتقل إلى المحتوى",
    navLabel: "المستكشف",
    timeline: "الخط الزمني",
    round: "الجولة {n}",
    sources: "المصادر",
    searchLabel: "بحث",
    searchPlaceholder: "ابحث بالعربية أو الإنجليزية",
    switchTo: "English",
    switchToLabel: "Show the interface in English",
    loading: "جارٍ التحميل…",
    error: "تعذّر تحميل هذا العرض: {detail}",
    errorHeading: "تعذّر العرض",
    notFound: "لا يوجد عرض بهذا العنوان.",
    backToTimeline: "العودة إلى الخط الزمني",
    support_single_source: "مصدر واحد",
    support_corroborated: "مؤكَّد",
    support_disputed: "متنازع عليه",
    support_inferred: "قراءة المحررين",
    supportLabel: "درجة الإسناد",
    claim_stated: "وروده",
    claim_occurred: "انعقاده",
    claim_date: "التاريخ",
    claim_city: "المدينة",
    claim_took_part: "المشاركة",
    claim_role: "الدور",
    claim_came_up: "طرح المسألة",
    claim_raised_by: "الجهة التي أثارتها",
    claim_on_agenda: "إدراجها في جدول الأعمال",
    claim_outcome: "النتيجة",
    claim_said: "صدور التصريح",
    claimsLabel: "درجة إسناد كل ادعاء",
    supportsLabel: "يسند",
    inferredLabel: "استنتاج المحررين",
    sourceCount_zero: "لا مصادر",
    sourceCount_one: "مصدر واحد",
    sourceCount_two: "مصدران",
    sourceCount_few: "{n} مصادر",
    sourceCount_many: "{n} مصدرًا",
    sourceCount_other: "{n} مصدر",
    side_RU: "روسيا",
    side_US: "الولايات المتحدة",
    sideNone: "بلا طرف",
    role_delegation_head: "رؤساء الوفود",
    role_minister: "الوزراء",
    role_spokesperson: "المتحدثون الرسميون",
    role_announcer: "المُعلِنون",
    role_delegation: "الوفود",
    outcome_raised: "طُرحت",
    outcome_proposed: "اقتُرحت",
    outcome_discussed: "نوقشت",
    outcome_limited_progress: "تقدّم محدود",
    outcome_excluded: "استُبعدت",
    outcome_planned: "مُزمَعة",
    outcome_listed: "مدرجة ضمن الأهداف",
    kind_meeting: "اجتماع",
    kind_appointment: "تعيين",
    kind_announcement: "إعلان",
    kind_statement: "تصريح",
    reason_boilerplate: "حشو الصفحة",
    reason_unrelated: "لا يخص المباحثات",
    reason_commentary: "تعليق",
    reason_repeated: "تكرار",
    reason_heading: "عنوان",
    fact_round: "اجتماع",
    fact_round_venue: "مكان اجتماع",
    fact_round_participant: "مشارك في اجتماع",
    fact_round_issue: "قضية في اجتماع",
    fact_participant: "مشارك",
    fact_participant_title: "منصب مشارك",
    fact_participant_alias: "كتابة اسم",
    fact_issue: "قضية",
    fact_issue_item: "بند من قضية",
    fact_fact_version: "رواية من روايات حقيقة متنازع عليها",
    fact_statement: "تصريح",
    fact_attribution: "إسناد",
    fact_event: "حدث",
    type_round: "اجتماع",
    type_participant: "مشارك",
    type_issue: "قضية",
    type_statement: "تصريح",
    type_event: "حدث",
    type_source: "مصدر",
    change_new: "جديدة",
    change_carried_over: "مستمرة",
    change_dropped: "أُسقطت",
    status_held: "عُقدت",
    status_announced: "أُعلن عنها",
    dateUnknown: "التاريخ غير معروف",
    dateAbout: "نحو {date}",
    dateWindow: "في وقت ما بين {range}",
    dateOnOrBefore: "في {date} أو قبله",
    dateNoteLabel: "كيف عُرف التاريخ",
    timelineHeading: "الخط الزمني للمباحثات",
    filterParticipant: "المشارك",
    filterKind: "النوع",
    filterAll: "الكل",
    filtersLabel: "تصفية الخط الزمني",
    eventCount: "عدد الأحداث: {n}",
    noEvents: "لا توجد أحداث تطابق هذه التصفية.",
    clearFilters: "اعرض كل الأحداث",
    participantsLabel: "المشاركون",
    roundDate: "التاريخ",
    roundCity: "المدينة",
    roundStatus: "الحالة",
    disputedFields: "متنازع عليه في المصادر: {fields}",
    field_aim: "الهدف",
    field_parties: "الأطراف",
    field_venue: "المكان",
    field_title: "المنصب",
    field_name_ar: "الاسم العربي",
    field_name: "الاسم",
    field_gist: "الخلاصة",
    field_summary: "الملخص",
    field_alias: "كتابة أخرى",
    field_text: "النص",
    venues: "المكان كما تذكره المصادر",
    aspects: "مجريات الاجتماع كما تذكرها المصادر",
    aspect_duration: "المدة",
    aspect_press: "الصحافة",
    aspect_ending: "كيف انتهى",
    noVenue: "لا تذكر المصادر مكانًا.",
    preferred: "الرواية المرجّحة",
    otherReading: "رواية أخرى",
    participants: "المشاركون حسب الدور",
    issues: "القضايا",
    raisedBy: "طرحها",
    raisedByUnknown: "لا تذكر المصادر من طرحها",
    agenda: "جدول الأعمال",
    onAgenda: "على جدول الأعمال",
    offAgenda: "خارج جدول الأعمال",
    outcome: "النتيجة",
    compare: "قارن بجولة أخرى",
    compareWith: "قارن بالجولة {n}",
    compareClose: "أوقف المقارنة",
    compareHeading: "من الجولة {a} إلى الجولة {b}، قضيةً قضية",
    compareIssue: "القضية",
    compareChange: "التغيّر",
    notInRound: "—",
    notGiven: "لا تذكره المصادر",
    citations: "الأدلة ({n})",
    readInSource: "اقرأ في المصدر",
    glossLabel: "الترجمة الإنجليزية",
    sourcesHeading: "المصادر",
    sourcesIntro:
      "المقالات التي تُستمد منها كل حقيقة. افتح أيًّا منها لقراءته مع تظليل المقاطع المستشهد بها.",
    published: "تاريخ النشر",
    language: "اللغة",
    language_ar: "العربية",
    language_en: "الإنجليزية",
    characters: "عدد الأحرف: {n}",
    attribution: "منسوب إلى",
    coverage:
      "استُشهد بـ{cited} من {sentences} جملة ({share} من النص)؛ و{marked} جُنّبت مع بيان السبب؛ و{uncovered} بلا حساب.",
    readerHelp:
      "المقاطع المظلّلة مستشهد بها أدلةً؛ اختر أحدها لترى ما يدعمه. والمقاطع الباهتة قُرئت وجُنّبت، مع بيان السبب.",
    selectedHeading: "المقطع المختار",
    supports: "ما يدعمه",
    chooseSpan: "اختر مقطعًا مظلّلًا لترى الحقائق التي يدعمها.",
    markedAs: "مُجنَّب: {reason}",
    overlapping: "مقاطع تتداخل مع هذا المقطع",
    uncitedHeading: "مقاطع جُنّبت، وسبب ذلك",
    spanRange: "الأحرف {start}–{end}",
    notCited: "هذا الجزء من النص ليس مقطعًا مستشهدًا به.",
    searchHeading: "بحث",
    searchResults: "نتائج البحث عن «{q}»: {n}",
    searchNone: "لا شيء يطابق «{q}».",
    searchPrompt: "اكتب في مربع البحث، بالعربية أو الإنجليزية.",
    matchedIn: "مطابقة في {field}",
    via: "عبر {via}",
    issueHeading: "قضية",
    participantHeading: "مشارك",
    onTimeline: "أحداثه على الخط الزمني",
    titles: "الألقاب كما تذكرها المصادر",
    aliases: "صيغ كتابة الاسم في المصادر",
    meetings: "الاجتماعات",
    statements: "تصريحاته",
    issueRounds: "في كل اجتماع",
    issueItems: "البنود",
    listSeparator: "، ",
  },
};

/** @typedef {keyof typeof STRINGS.en} Key */

/** @type {Lang} */
let current = "en";

/** @param {string | null} value @returns {Lang} */
export function parseLang(value) {
  return value === "ar" ? "ar" : "en";
}

/** @param {Lang} lang */
export function setLang(lang) {
  current = lang;
}

/** @returns {Lang} */
export function lang() {
  return current;
}

/** Dates and numbers in Latin digits in both languages, as the Arabic sources write them. */
export function locale() {
  return current === "ar" ? "ar-u-nu-latn" : "en-GB";
}

/**
 * @param {Key} key
 * @param {Record<string, string | number>} [values]
 */
export function t(key, values = {}) {
  const template = STRINGS[current][key];
  return template.replace(/\{(\w+)\}/g, (whole, name) =>
    name in values ? String(values[name]) : whole,
  );
}

/**
 * A label for a value of one of the API's enumerations, e.g. `label("outcome", "raised")`.
 * @param {string} group
 * @param {string} value
 */
export function label(group, value) {
  const key = `${group}_${value}`;
  return key in STRINGS[current] ? t(/** @type {Key} */ (key)) : value;
}

/**
 * Whether a quote in `language` (a BCP 47 tag) is shown with its English gloss: in the English
 * interface, when the quote is not English. The glosses are English reading aids; the Arabic
 * interface shows each quote in its own words and no English paragraph.
 * @param {string} language
 */
export function glossNeeded(language) {
  return current === "en" && language.split("-")[0] !== "en";
}

/**
 * The field in the interface's language, from a bilingual pair.
 * @template {string | null} T
 * @param {T} en
 * @param {T} ar
 * @returns {T}
 */
export function bi(en, ar) {
  return current === "ar" ? ar : en;
}

/**
 * A count in words with the plural form the language needs for it: Arabic has six
 * (`sourceCount_two` is "مصدران"). Falls back to the `_other` form.
 * @param {string} stem e.g. "sourceCount"
 * @param {number} n
 */
export function plural(stem, n) {
  const category = new Intl.PluralRules(current).select(n);
  const key = `${stem}_${category}` in STRINGS[current] ? `${stem}_${category}` : `${stem}_other`;
  return t(/** @type {Key} */ (key), { n: number(n) });
}

/** @param {number} n */
export function number(n) {
  return new Intl.NumberFormat(locale()).format(n);
}
