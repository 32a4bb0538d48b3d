// Interface strings in Arabic and English. The interface language sets the
// page direction; Arabic article text stays right-to-left in both.

const STRINGS = {
  en: {
    title: 'marsad', tagline: 'Arabic news → political event data', langToggle: 'العربية',
    navDashboard: 'Dashboard', navDocuments: 'Articles', navApi: 'API docs',
    stats: '{d} articles · {e} events · {a} actors',
    fType: 'Event type', fActor: 'Actor', fCountry: 'Country', fFrom: 'From', fTo: 'To', fModality: 'Modality',
    fStory: 'Story', any: 'Any', apply: 'Apply', reset: 'Reset', actorHint: 'name or Arabic words',
    countryHint: 'KAZ',
    timeline: 'Events over time', map: 'Where events happened', network: 'Who acts on whom', events: 'Events',
    byDay: 'per day', byMonth: 'per month', undated: '{n} undated', partial: 'Charts show the newest {n} matching events.',
    noShapes: 'Country outlines are not installed: places are drawn on a longitude/latitude grid.',
    noPlaces: 'No matching event has a known place.', noPairs: 'No source–target pairs among the matching events.',
    noEvents: 'No events match these filters.', nEvents: '{n} events', legendHint: 'Click a type to filter by it.',
    nodeHint: 'Click an actor to filter by it.',
    colDate: 'Date', colType: 'Type', colSource: 'Source', colTarget: 'Target', colModality: 'Modality',
    colPlace: 'Place', colEvidence: 'Evidence', colArticle: 'Article',
    prev: 'Previous', next: 'Next', rows: 'Rows {a}–{b}', download: 'Download:',
    back: 'Back', published: 'Published', outlet: 'Outlet', source: 'Source', story: 'Story', link: 'Original',
    codedEvents: 'Coded events ({n})', noCoded: 'No events were coded in this article.',
    showEntities: 'Underline named entities', evSource: 'Source', evTarget: 'Target', evDate: 'Date',
    evPlace: 'Place', evModality: 'Modality', evSpeaker: 'Speaker', evConfidence: 'Confidence', evMode: 'Mode',
    evCameo: 'CAMEO', evEvidence: 'Evidence', datePub: '(publication date)', unknown: 'unknown',
    searchHint: 'Search the articles (spelling variants and attached و/ب/ال are matched)', search: 'Search',
    noResults: 'No article matches.', allArticles: 'All articles', colTitle: 'Title', colEvents: 'Events',
    loading: 'Loading…', error: 'Could not load: {msg}', notFound: 'No such article.',
  },
  ar: {
    title: 'مرصد', tagline: 'من الأخبار العربية إلى بيانات الأحداث السياسية', langToggle: 'English',
    navDashboard: 'لوحة المتابعة', navDocuments: 'المقالات', navApi: 'توثيق الواجهة البرمجية',
    stats: 'المقالات: {d} · الأحداث: {e} · الفاعلون: {a}',
    fType: 'نوع الحدث', fActor: 'الفاعل', fCountry: 'البلد', fFrom: 'من', fTo: 'إلى', fModality: 'الصيغة',
    fStory: 'القصة', any: 'الكل', apply: 'تطبيق', reset: 'إعادة ضبط', actorHint: 'اسم أو كلمات عربية',
    countryHint: 'KAZ',
    timeline: 'الأحداث عبر الزمن', map: 'أماكن الأحداث', network: 'من يفعل ماذا بمن', events: 'الأحداث',
    byDay: 'يومياً', byMonth: 'شهرياً', undated: 'بلا تاريخ: {n}', partial: 'تعرض الرسوم أحدث {n} من الأحداث المطابقة.',
    noShapes: 'حدود الدول غير مثبتة: تُرسم الأماكن على شبكة خطوط الطول والعرض.',
    noPlaces: 'لا يوجد حدث مطابق بمكان معروف.', noPairs: 'لا توجد أزواج فاعل–مستهدف بين الأحداث المطابقة.',
    noEvents: 'لا توجد أحداث تطابق هذه المرشحات.', nEvents: 'الأحداث: {n}', legendHint: 'انقر نوعاً للتصفية به.',
    nodeHint: 'انقر فاعلاً للتصفية به.',
    colDate: 'التاريخ', colType: 'النوع', colSource: 'الفاعل', colTarget: 'المستهدف', colModality: 'الصيغة',
    colPlace: 'المكان', colEvidence: 'النص الدال', colArticle: 'المقال',
    prev: 'السابق', next: 'التالي', rows: 'الصفوف {a}–{b}', download: 'تنزيل:',
    back: 'رجوع', published: 'تاريخ النشر', outlet: 'الوسيلة', source: 'المصدر', story: 'القصة', link: 'الرابط الأصلي',
    codedEvents: 'الأحداث المرمّزة ({n})', noCoded: 'لم يُرمَّز أي حدث في هذا المقال.',
    showEntities: 'تسطير الكيانات المسماة', evSource: 'الفاعل', evTarget: 'المستهدف', evDate: 'التاريخ',
    evPlace: 'المكان', evModality: 'الصيغة', evSpeaker: 'المتحدث', evConfidence: 'الثقة', evMode: 'النمط',
    evCameo: 'CAMEO', evEvidence: 'النص الدال', datePub: '(تاريخ النشر)', unknown: 'غير معروف',
    searchHint: 'ابحث في المقالات (تُطابَق صيغ الإملاء والسوابق و/ب/ال)', search: 'بحث',
    noResults: 'لا توجد مقالات مطابقة.', allArticles: 'كل المقالات', colTitle: 'العنوان', colEvents: 'الأحداث',
    loading: 'جارٍ التحميل…', error: 'تعذّر التحميل: {msg}', notFound: 'لا يوجد مقال بهذا المعرّف.',
  },
};

const TYPE_NAMES_AR = {
  AGREE: 'اتفاق', CONSULT: 'تشاور', SUPPORT: 'دعم', CONCEDE: 'تنازل', COOPERATE: 'تعاون', AID: 'مساعدة',
  RETREAT: 'انسحاب', REQUEST: 'مطالبة', ACCUSE: 'اتهام', REJECT: 'رفض', THREATEN: 'تهديد', PROTEST: 'احتجاج',
  SANCTION: 'عقوبات', MOBILIZE: 'حشد', COERCE: 'إكراه', ASSAULT: 'اعتداء',
};
const MODALITY_NAMES = {
  en: { asserted: 'asserted', reported: 'reported', future: 'future', intended: 'intended', negated: 'negated', hypothetical: 'hypothetical' },
  ar: { asserted: 'مؤكَّد', reported: 'منقول', future: 'مستقبلي', intended: 'مُعتزَم', negated: 'منفي', hypothetical: 'افتراضي' },
};
const SECTOR_NAMES_AR = {
  GOV: 'حكومة', MIL: 'جيش', COP: 'أمن وشرطة', JUD: 'قضاء', LEG: 'برلمان', OPP: 'معارضة', PRO: 'محتجون',
  REB: 'مسلحون', CVL: 'مدنيون', MED: 'إعلام', BUS: 'أعمال', IGO: 'منظمة دولية',
};
const ENTITY_NAMES = {
  en: { PERS: 'person', ORG: 'organisation', LOC: 'place', MISC: 'other' },
  ar: { PERS: 'شخص', ORG: 'منظمة', LOC: 'مكان', MISC: 'أخرى' },
};

let current = 'ar';

export function setLang(lang) {
  current = lang === 'en' ? 'en' : 'ar';
  document.documentElement.lang = current;
  document.documentElement.dir = current === 'ar' ? 'rtl' : 'ltr';
  document.title = `${STRINGS[current].title} · ${STRINGS[current].tagline}`;
}

export function lang() {
  return current;
}

/** The interface string ``key`` with {name} placeholders filled in. */
export function t(key, values = {}) {
  const text = STRINGS[current][key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}

export function typeName(type) {
  if (!type) return '';
  return current === 'ar' ? `${TYPE_NAMES_AR[type] || type}` : type;
}

export function modalityName(modality) {
  return MODALITY_NAMES[current][modality] || modality || '';
}

export function sectorName(sector) {
  if (!sector) return '';
  return current === 'ar' ? SECTOR_NAMES_AR[sector] || sector : sector;
}

export function entityName(type) {
  return ENTITY_NAMES[current][type] || type;
}

export function initialLang() {
  const fromUrl = new URLSearchParams(window.location.search).get('lang');
  const stored = window.localStorage.getItem('marsad.lang');
  const wanted = fromUrl || stored || (navigator.language || '').slice(0, 2);
  return wanted === 'en' ? 'en' : 'ar';
}

export function rememberLang(lang) {
  window.localStorage.setItem('marsad.lang', lang);
}
