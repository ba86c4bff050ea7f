/**
 * The dictionaries exactly as the customer's document lists them (docs/product.md).
 * Loaded by `dictionary-seed.ts`; administrators edit them afterwards in the back-office.
 */
import { SECTORS_1_2_PIPELINE, STANDARD_PIPELINE } from '../../modules/pipeline/entities/pipeline.entity.js';

export const departments = [
  {
    name: 'Сектор инфраструктуры и проектов',
    objectTypes: [
      'Офисы сервисных и страховых компаний',
      'Предприятия общепита',
      'Апарт-отель',
      'Гостиница для персонала',
      'Розничный магазин',
      'Магазин автозапчастей',
      'Аптека',
      'СТО',
      'Автомойка',
      'Парк РЦ сетей',
    ],
  },
  {
    name: 'Производственно-складской сектор',
    objectTypes: [
      'Низкотемпературный производственно-складской комплекс',
      'Многофункциональный мелкооптовый складской комплекс',
      'Зона всесезонной мелкооптовой торговли',
      'Многофункциональный производственно-складской комплекс',
    ],
  },
  {
    name: 'Департамент ВЭД',
    objectTypes: ['Таможня'],
  },
] as const;

export const VED_DEPARTMENT = 'Департамент ВЭД';
/** 3PL is warehouse work: its deal lines count for the production-warehouse sector until an admin says otherwise. */
export const THREE_PL_DEPARTMENT = 'Производственно-складской сектор';

export const vedServices = [
  'Склад временного хранения',
  'Фитосанитарный контроль',
  'Ветеринарный контроль',
  'Услуги таможенного представителя',
];

export const threePlServices = [
  'Ответственное хранение',
  'Подборка заказа',
  'Переработка',
  'Калибровка',
  'Упаковка',
  'Сборка',
  'Маркировка',
  'Камеры шоковой заморозки',
  'Контроль сроков годности',
  'Мониторинг остатков товара',
  'Погрузочно-разгрузочные операции',
  'Транспортировка (внутри/за пределами ППК)',
  'Учёт в системе «Меркурий»',
];

/** The customer's document lists «Производство» twice; it is one value. */
export const companyProfiles = [
  'Производство',
  'HoReCa',
  'Ассоциации и союзы',
  'Девелопер',
  'Дистрибьютор',
  'Импортер',
  'Институт логистики',
  'Клининг',
  'Логистика',
  'Общепит',
  'Онлайн агрегатор фермерских продуктов',
  'Оптовая компания',
  'Оптовая компания, импортер',
  'Оптовая торговля',
  'ОРЦ',
  'Поставщик',
  'Поставщик в сети',
  'Поставщик кухонного оборудования',
  'Поставщик уборочной техники',
  'Производители',
  'Производители и импортёры',
  'Производители кофе',
  'Производители пюре',
  'Производители ягоды',
  'Производитель',
  'Производитель выпечки',
  'Производитель импортер',
  'Производитель кондитерской продукции',
  'Производитель шоколада',
  'Производители, оптовая торговля',
  'Ритейл',
  'Сеть',
  'Страховая компания',
  'Таможенный представитель',
  'Транспортная компания',
  'Трейдер',
  'ФРОВ – Хаб',
  'Хладокомбинат',
  'Отделение банка',
  'Гостиница',
  'Вендинг',
  'Сервисная компания',
  'E-commerce',
];

export const productCategories = [
  'Без категории',
  'Бакалея',
  'Молочные продукты',
  'Мясо и мясные продукты',
  'Напитки',
  'Продукты питания',
  'Рыба и морепродукты',
  'Фрукты и овощи',
];

export const historyEventTypes = [
  { code: 'lead_processing', name: 'Обработка «лида»/создание карточки клиента' },
  { code: 'agreement_signing', name: 'Подписание соглашения/договора' },
  { code: 'after_sales', name: 'После продажное сопровождение' },
  // Recorded by an import (Bitrix24 or a file) for each record it creates or fills.
  { code: 'import', name: 'Импорт данных' },
];

type ItemKind = 'step' | 'completes' | 'fails';
interface StageData {
  name: string;
  kind: 'open' | 'won' | 'lost';
  hint: string;
  items: [string, ItemKind][];
  /** «Срок на этапе, рабочих дней» (open stages; none for the final ones). */
  limitDays?: number;
}

const inactiveStage: StageData = {
  name: 'Не активен',
  kind: 'lost',
  hint: 'Клиент деактивирован. Укажите причину; при возобновлении интереса верните клиента на нужный этап.',
  items: [],
};

const signedStage: StageData = {
  name: 'Договор подписан',
  kind: 'won',
  hint: 'Проконтролируйте оплату обеспечительного платежа и подписание акта приёма-передачи; ведите после продажное сопровождение.',
  items: [],
};

export const pipelines: { code: string; name: string; stages: StageData[] }[] = [
  {
    code: STANDARD_PIPELINE,
    name: 'Стандартная воронка',
    stages: [
      {
        name: 'Новый',
        kind: 'open',
        limitDays: 3,
        hint: 'Свяжитесь с клиентом, уточните потребность и направьте ему условия сотрудничества.',
        items: [],
      },
      {
        name: 'Согласование условий сотрудничества',
        kind: 'open',
        limitDays: 10,
        hint: 'Направьте клиенту условия сотрудничества, отработайте возражения и встречные условия до согласования.',
        items: [
          ['Направлены условия сотрудничества', 'step'],
          ['Рассмотрение встречных условий', 'step'],
          ['Обработка возражений', 'step'],
          ['Согласовано', 'completes'],
          ['Не согласовано', 'fails'],
        ],
      },
      {
        name: 'Подписание LOI',
        kind: 'open',
        limitDays: 10,
        hint: 'Подготовьте соглашение о сотрудничестве (LOI) и направьте его клиенту на подписание.',
        items: [
          ['Подготовка документов', 'step'],
          ['Подписано', 'completes'],
          ['Не подписано', 'fails'],
        ],
      },
      {
        name: 'Согласование договора',
        kind: 'open',
        limitDays: 15,
        hint: 'Направьте клиенту проект договора, отработайте замечания и добейтесь согласования.',
        items: [
          ['Подготовка документов', 'step'],
          ['Обработка возражений', 'step'],
          ['Согласовано', 'completes'],
          ['Не согласовано', 'fails'],
        ],
      },
      {
        name: 'Подписание договора',
        kind: 'open',
        limitDays: 10,
        hint: 'Организуйте подписание договора; после подписания оформите сделку и проследите за обеспечительным платежом.',
        items: [
          ['Подготовка документов', 'step'],
          ['Обработка возражений', 'step'],
          ['Согласовано', 'step'],
          ['Подписан', 'completes'],
          ['Не подписан', 'fails'],
        ],
      },
      signedStage,
      inactiveStage,
    ],
  },
  {
    code: SECTORS_1_2_PIPELINE,
    name: 'Воронка секторов 1 и 2',
    stages: [
      {
        name: 'Новый',
        kind: 'open',
        limitDays: 3,
        hint: 'Свяжитесь с клиентом и выясните его интерес к продуктам парка.',
        items: [],
      },
      {
        name: 'Проявлен интерес к клиенту',
        kind: 'open',
        limitDays: 5,
        hint: 'Подготовьте предложение под потребность клиента и договоритесь о переговорах.',
        items: [],
      },
      {
        name: 'Активные переговоры',
        kind: 'open',
        limitDays: 15,
        hint: 'Проведите переговоры об условиях и подготовьте к подписанию соглашение о сотрудничестве (LOI).',
        items: [],
      },
      {
        name: 'Заключён LOI',
        kind: 'open',
        limitDays: 10,
        hint: 'На основе LOI подготовьте проект договора и направьте его клиенту.',
        items: [],
      },
      {
        name: 'Проект на рассмотрении у клиента',
        kind: 'open',
        limitDays: 15,
        hint: 'Получите от клиента замечания к проекту договора и согласуйте окончательную редакцию.',
        items: [],
      },
      {
        name: 'Подписание договора',
        kind: 'open',
        limitDays: 10,
        hint: 'Организуйте подписание договора и отметьте результат.',
        items: [
          ['Подписан', 'completes'],
          ['Не подписан', 'fails'],
        ],
      },
      signedStage,
      inactiveStage,
    ],
  },
];

export const clientSectors = [
  {
    code: 'sector_1',
    name: 'Сектор 1',
    description: 'ФРОВ, бакалея, молочная продукция',
    pipeline: SECTORS_1_2_PIPELINE,
  },
  {
    code: 'sector_2',
    name: 'Сектор 2',
    description: 'Заморозка. Рыбная / мясная продукция, овощи, фрукты',
    pipeline: SECTORS_1_2_PIPELINE,
  },
  { code: 'sector_3', name: 'Сектор 3', description: 'Ритейл', pipeline: STANDARD_PIPELINE },
  { code: 'sector_4', name: 'Сектор 4', description: 'Дистрибуция / BTS', pipeline: STANDARD_PIPELINE },
  {
    code: 'sector_5',
    name: 'Сектор 5',
    description: 'Инфраструктура. Гостиница/Общепит',
    pipeline: STANDARD_PIPELINE,
  },
  { code: 'sector_6', name: 'Сектор 6', description: 'Инфраструктура. Прочее', pipeline: STANDARD_PIPELINE },
  { code: 'sector_7', name: 'Сектор 7', description: 'Логистика/3PL', pipeline: STANDARD_PIPELINE },
  {
    code: 'sector_ved',
    name: 'Сектор ВЭД',
    description: 'Внешнеэкономическая деятельность',
    pipeline: STANDARD_PIPELINE,
  },
];
