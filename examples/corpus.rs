//! Generates a corpus of varied, realistic structured summaries, to test the layout on the
//! kind of report a clerk writes rather than on reports tuned to the templates.
//!
//! `cargo run --release --example corpus -- --count N --seed S --out DIR [--pages-max P]`
//!
//! Writes `DIR/r0001.toml` … (about one in eight as `.json` and one in eight as `.yaml`, the
//! same content model, so that all three parsers are exercised) and prints one JSON object on
//! standard output: `features`, a tally of what the corpus holds (genres, pages aimed at,
//! headings per level, tables, spans, charts, URLs, placeholders …), and `reports`, each
//! report's file, genre and the pages it aims at. Each report is drawn from its own generator
//! seeded by `S` and its number, so report 17 is the same whatever `N` is, and the corpus is
//! the same on every run; another `S` gives another corpus. `--pages-max P` caps the pages a
//! report aims at (a quick corpus); the page counts are aimed on the gongwen grid and land
//! near it (briefing sets more on a page).
//!
//! Every written file is read back and compared with the model before it is kept, so the
//! three writers cannot drift apart. The three switches below only gate what is written: the
//! random draws are the same with them on or off, so the rest of the corpus does not change.
//!
//! What varies, and why (the ranges follow the issue asking for the corpus):
//! - seven genres of government writing (work summary, economic analysis, notice, work plan,
//!   statistical bulletin, monthly brief, project report), each with its own skeleton of
//!   sections, so headings, tables and charts stand where such reports have them;
//! - titles of 10–70 characters, subtitles, document numbers, issuers of up to 40 characters
//!   (joint issuers with a space), dates and periods, addressees (主送机关), key figures,
//!   attachments with long names;
//! - 1–40 pages of body: four heading levels, paragraphs of 1–12 lines, enumerations
//!   (一是……；二是……), Latin words and acronyms, figures with units and thousands separators,
//!   negative changes, masked figures, URLs and e-mail addresses, placeholders of indicators;
//! - indicator tables and free tables of 3–9 columns and 2–120 rows with long notes, ranks,
//!   units in headers and cells, and spanning cells; bar charts of 3–12 indicators with long
//!   names, negative values and change series; the odd page break.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

use serde::Serialize;

/// Write `meta.addressees` (主送机关) on about a third of the reports. Switch off for a build
/// whose format does not know the field yet (it would reject every such report).
const ADDRESSEES: bool = true;
/// Write `meta.key_figures` (the ids the key figures panel shows) on some reports.
const KEY_FIGURES: bool = true;
/// Give plan targets (力争……增长6%左右) the indicator kind `target`; when off they are `other`.
const TARGET_KIND: bool = true;

// ---------------------------------------------------------------------------------------------
// A small deterministic generator: splitmix64, no dependency needed.

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index drawn with the given weights.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut at = self.below(total as usize) as u32;
        for (i, &w) in weights.iter().enumerate() {
            if at < w {
                return i;
            }
            at -= w;
        }
        weights.len() - 1
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The output: the input format of docs/format.md, written here as serialize-only types so
// that fields the crate is still gaining (addressees, key figures, the target kind) can be
// written before `baogao::model` has them. Field order is the order a person writes them in.

#[derive(Serialize)]
struct Summary {
    version: u32,
    meta: Meta,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    indicators: Vec<Indicator>,
    body: Vec<Block>,
}

#[derive(Serialize, Default)]
struct Meta {
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    subtitle: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    doc_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issuer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    period: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    addressees: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    keywords: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    key_figures: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    attachments: Vec<String>,
}

#[derive(Serialize, Clone)]
struct Indicator {
    id: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    comparison: Option<Comparison>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rank: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

#[derive(Serialize, Clone)]
struct Comparison {
    basis: String,
    change: Num,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
}

/// A figure: an integer, a decimal, or text kept verbatim (masked "**.*", "1,200").
#[derive(Serialize, Clone, PartialEq)]
#[serde(untagged)]
enum Num {
    Int(i64),
    Dec(f64),
    Text(String),
}

impl Num {
    fn negative(&self) -> bool {
        match self {
            Num::Int(n) => *n < 0,
            Num::Dec(x) => *x < 0.0,
            Num::Text(t) => t.starts_with('-'),
        }
    }
}

#[derive(Serialize)]
#[serde(untagged)]
enum Block {
    Section {
        heading: String,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        content: Vec<Block>,
    },
    Paragraph {
        paragraph: String,
    },
    IndicatorTable {
        indicator_table: IndicatorTable,
    },
    Table {
        table: Table,
    },
    Chart {
        chart: Chart,
    },
    PageBreak {
        page_break: bool,
    },
}

#[derive(Serialize)]
struct IndicatorTable {
    caption: String,
    indicators: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    columns: Option<Vec<&'static str>>,
}

#[derive(Serialize)]
struct Table {
    #[serde(skip_serializing_if = "Option::is_none")]
    caption: Option<String>,
    header: Vec<String>,
    rows: Vec<Vec<Cell>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    align: Option<Vec<&'static str>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Cell {
    Text(String),
    Span(SpanCell),
}

#[derive(Serialize)]
struct SpanCell {
    text: String,
    #[serde(skip_serializing_if = "is_one")]
    colspan: usize,
    #[serde(skip_serializing_if = "is_one")]
    rowspan: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    align: Option<&'static str>,
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

#[derive(Serialize)]
struct Chart {
    caption: String,
    indicators: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    series: Option<&'static str>,
}

fn text_cell(text: impl Into<String>) -> Cell {
    Cell::Text(text.into())
}

fn span_cell(text: impl Into<String>, colspan: usize, rowspan: usize, align: Option<&'static str>) -> Cell {
    Cell::Span(SpanCell { text: text.into(), colspan, rowspan, align })
}

// ---------------------------------------------------------------------------------------------
// Phrase pools. A phrase may hold alternatives `<a|b|c>` (one is taken) and slots `$x` filled
// per report:
//   $n a small count            $N a larger count (often with thousands separators)
//   $p a percentage figure      $a an amount in 亿元 (decimals)     $k an amount in 万元
//   $r a Chinese ordinal 一…十   $Y the report's year, $B the year before, $F the year after
//   $R the region's name        $S the region as "全市/全县/全区"    $C the city's name
//   $T the period ("1—9月")      $D a deadline date                 $G a department
//   $E an enterprise            $J a project                       $K a district
//   $U a URL   $M an e-mail address   $H a telephone number   $W a contact person
//   $V the name of a document (without 《》)
// Figures are drawn per use, so the same phrase reads differently each time it is used.

/// The subjects a report's sections are about. Each has headings for three levels and
/// clauses the paragraphs are built from.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Area {
    /// The economy as a whole: GDP, prices, population (a bulletin's 综合).
    Overall,
    Industry,
    Investment,
    Consumption,
    Trade,
    Innovation,
    Environment,
    Livelihood,
    Rural,
    Ecology,
    Safety,
    Fiscal,
    Urban,
    Statistics,
    Party,
    Digital,
    Problems,
    Plans,
    Requirements,
}

/// The areas a report on the economy covers, in the order bulletins and analyses take them.
const ECONOMY_AREAS: &[Area] = &[
    Area::Rural,
    Area::Industry,
    Area::Investment,
    Area::Consumption,
    Area::Trade,
    Area::Fiscal,
    Area::Innovation,
    Area::Digital,
    Area::Livelihood,
    Area::Ecology,
    Area::Urban,
    Area::Safety,
];

/// The areas a work summary or plan reports on.
const WORK_AREAS: &[Area] = &[
    Area::Industry,
    Area::Investment,
    Area::Innovation,
    Area::Environment,
    Area::Digital,
    Area::Consumption,
    Area::Trade,
    Area::Urban,
    Area::Rural,
    Area::Ecology,
    Area::Livelihood,
    Area::Safety,
    Area::Fiscal,
    Area::Statistics,
    Area::Party,
];

struct AreaText {
    /// Headings of a section about the area (any level).
    l1: &'static [&'static str],
    /// Headings of its subsections.
    l2: &'static [&'static str],
    /// Headings one level further down: topics.
    l3: &'static [&'static str],
    /// Clauses, without their closing punctuation.
    clauses: &'static [&'static str],
}

fn area_text(area: Area) -> &'static AreaText {
    match area {
        Area::Overall => &OVERALL,
        Area::Industry => &INDUSTRY,
        Area::Investment => &INVESTMENT,
        Area::Consumption => &CONSUMPTION,
        Area::Trade => &TRADE,
        Area::Innovation => &INNOVATION,
        Area::Environment => &ENVIRONMENT,
        Area::Livelihood => &LIVELIHOOD,
        Area::Rural => &RURAL,
        Area::Ecology => &ECOLOGY,
        Area::Safety => &SAFETY,
        Area::Fiscal => &FISCAL,
        Area::Urban => &URBAN,
        Area::Statistics => &STATISTICS,
        Area::Party => &PARTY,
        Area::Digital => &DIGITAL,
        Area::Problems => &PROBLEMS,
        Area::Plans => &PLANS,
        Area::Requirements => &REQUIREMENTS,
    }
}

const OVERALL: AreaText = AreaText {
    l1: &["综合", "经济总量<稳步|持续>扩大", "经济运行总体平稳、稳中有进", "主要经济指标完成情况"],
    l2: &["经济增长", "产业结构", "价格水平", "市场主体", "人口与就业"],
    l3: &["第一产业", "第二产业", "第三产业", "居民消费价格"],
    clauses: &[
        "三次产业结构调整为$p∶$p∶$p",
        "第三产业增加值占地区生产总值的比重为$p%，比上年提高$p个百分点",
        "居民消费价格比上年上涨$p%，其中食品烟酒类价格下降$p%",
        "工业生产者出厂价格下降$p%，工业生产者购进价格下降$p%",
        "全年新登记市场主体$N户，年末实有市场主体$N户",
        "经济运行呈现“<总体平稳、稳中有进|量的合理增长、质的有效提升>”的良好态势",
        "主要指标增速<高于全省平均水平|居全市前列|好于预期>",
        "<按|按照>常住人口计算，人均地区生产总值$N元",
        "民营经济增加值占地区生产总值的比重为$p%",
    ],
};

const INDUSTRY: AreaText = AreaText {
    l1: &[
        "工业经济稳中向好",
        "坚持制造业立<市|县|区>，推动工业经济提质增效",
        "工业生产<平稳增长|较快增长|持续恢复>",
        "聚力聚焦，壮大新兴产业",
        "加快建设以先进制造业为骨干的现代化产业体系",
        "工业和建筑业",
    ],
    l2: &[
        "规上工业增加值较快增长",
        "重点行业支撑有力",
        "新兴产业加快集聚",
        "工业企业效益持续改善",
        "传统产业转型升级步伐加快",
        "产业链供应链韧性不断增强",
        "“专精特新”企业梯队加快形成",
        "建筑业生产平稳运行",
        "实施“<链长制|强链补链延链>”行动",
    ],
    l3: &[
        "电子信息产业",
        "新能源汽车产业",
        "高端装备制造产业",
        "生物医药产业",
        "新材料产业",
        "绿色食品产业",
        "新型显示产业",
        "节能环保产业",
        "智能家电产业",
        "集成电路产业",
    ],
    clauses: &[
        "规上工业企业达到$N家，其中产值超亿元企业$n家",
        "<实施|深入实施>“<链长制|链长+链主>”工作机制，<围绕|聚焦>新型显示、新能源汽车、高端装备等重点产业链精准招商",
        "总投资$a亿元的$J<顺利签约落地|建成投产|进入设备调试阶段|实现主体完工>",
        "$E获批<国家级|省级>专精特新“小巨人”企业",
        "全年新增规上工业企业$n家，<净增|实现净增>$n家，<增量居全市第$r|增量居全市前列>",
        "电子信息、新能源汽车、高端装备三大主导产业产值占规上工业的比重达到$p%",
        "推进“智改数转网联”，实施技术改造项目$n个，完成技改投资$a亿元",
        "<新建|建成>省级数字化车间$n个、智能工厂$n家",
        "OLED、Mini LED等新型显示项目加快建设，产业集聚效应初步显现",
        "京东方（BOE）配套企业新增$n家，本地配套率提高到$p%",
        "落实工业企业“亩均论英雄”改革，完成$n家企业亩均效益评价",
        "重点监测的$n户工业企业中，$n户实现增长，增长面达$p%",
        "工业产能利用率为$p%，较上年同期提高$p个百分点",
        "受市场需求收缩影响，部分行业产值<下降|回落>明显，其中纺织服装、服饰业下降$p%",
        "工业用电量$a亿千瓦时，<增长|同比增长>$p%，与工业生产走势基本一致",
        "新能源汽车产量突破$N辆，动力电池产量达到$a GWh",
        "规上工业企业营业收入利润率为$p%，每百元营业收入中的成本为$a元",
        "<出台|制定>《关于促进制造业高质量发展的若干政策》，兑现工业扶持资金$k万元",
        "建筑业总产值$a亿元，<增长|下降>$p%，新签合同额$a亿元",
        "<分|按>经济类型看，国有控股企业增长$p%，股份制企业增长$p%，外商及港澳台商投资企业下降$p%",
        "<分|按>门类看，采矿业增长$p%，制造业增长$p%，电力、热力、燃气及水生产和供应业增长$p%",
        "工业产品产销率为$p%，产成品存货周转天数为$n天",
        "高技术制造业增加值增长$p%，占规上工业增加值的比重为$p%",
        "$E年产$n万吨锂电池正极材料项目满产运行",
    ],
};

const INVESTMENT: AreaText = AreaText {
    l1: &[
        "项目建设扎实推进",
        "坚持项目为王，扩大有效投资",
        "固定资产投资<稳步增长|降幅收窄|保持增长>",
        "强化要素保障，推动重点项目落地见效",
        "固定资产投资",
    ],
    l2: &[
        "重点项目加快推进",
        "招商引资成效明显",
        "产业投资支撑有力",
        "基础设施投资持续发力",
        "要素保障不断强化",
        "民间投资活力增强",
        "房地产市场<持续调整|逐步企稳>",
    ],
    l3: &[
        "项目谋划储备",
        "集中开工签约",
        "专项债券争取",
        "用地保障",
        "“双月攻坚”行动",
        "调度督查",
        "以商招商",
        "基金招商",
    ],
    clauses: &[
        "全年实施亿元以上重点项目$n个，完成投资$a亿元，占年度计划的$p%",
        "新开工亿元以上项目$n个，竣工投产项目$n个",
        "组织开展<重点项目集中开工|“双月攻坚”>活动$n次，集中开工项目$n个、总投资$a亿元",
        "争取地方政府专项债券资金$a亿元，支持项目$n个",
        "工业投资增长$p%，<占全部投资的比重|占比>提高到$p%",
        "房地产开发投资下降$p%，商品房销售面积下降$p%",
        "新签约亿元以上项目$n个，协议总投资$a亿元，其中10亿元以上项目$n个",
        "$J完成投资$a亿元，<主体结构封顶|厂房主体完工|设备进场安装|进入试生产阶段>",
        "建立“一个项目、一名领导、一个专班、一抓到底”推进机制",
        "<采取|通过>PPP、EPC+O等模式引入社会资本$a亿元",
        "盘活闲置低效用地$N亩，批而未供土地处置率达到$p%",
        "民间投资增长$p%，占全部投资的$p%",
        "实行项目建设“红黄绿”三色管理，每月通报项目进度",
        "推行“标准地+承诺制”改革，实现“拿地即开工”项目$n个",
        "基础设施投资增长$p%，其中交通运输投资增长$p%，水利管理业投资下降$p%",
        "纳入省重点项目库$n个，数量居全市第$r",
        "<分|按>产业看，第一产业投资增长$p%，第二产业投资增长$p%，第三产业投资下降$p%",
        "亿元以上在库项目$n个，比上年同期<增加|减少>$n个",
        "赴长三角、珠三角等地开展招商活动$n批次，拜访企业$n家",
    ],
};

const CONSUMPTION: AreaText = AreaText {
    l1: &["消费市场持续回暖", "多措并举促进消费扩容提质", "市场消费稳步恢复", "国内贸易"],
    l2: &["限上单位零售额增长较快", "新型消费蓬勃发展", "文旅消费加快复苏", "汽车消费保持活跃", "餐饮消费持续升温"],
    l3: &["商贸主体培育", "促消费活动", "夜间经济", "电商直播", "一刻钟便民生活圈"],
    clauses: &[
        "社会消费品零售总额$a亿元，增长$p%",
        "组织开展“<乐享消费|惠民消费季|家电以旧换新>”等促消费活动$n场次，发放消费券$k万元，带动消费$a亿元",
        "限额以上单位通过公共网络实现的商品零售额增长$p%",
        "新增限上商贸企业$n家，其中批发业$n家、零售业$n家、住宿餐饮业$n家",
        "升级类商品消费较快增长，新能源汽车、智能家电零售额分别增长$p%和$p%",
        "打造<特色|网红>夜间消费集聚区$n个，夜间消费额占比达到$p%",
        "接待游客$a万人次，实现旅游收入$a亿元，分别增长$p%和$p%",
        "餐饮收入增长$p%，增速比一季度加快$p个百分点",
        "培育直播电商主体$n家，全年网络零售额突破$a亿元",
        "石油制品类零售额下降$p%，是拉低限上零售额增速的主要因素",
        "举办第$n届“<江淮|长江|云岭>美食节”，吸引客流$a万人次",
        "建成一刻钟便民生活圈$n个，覆盖社区$n个",
        "<按|分>消费类型看，商品零售额增长$p%，餐饮收入增长$p%",
        "汽车类零售额下降$p%，降幅比上半年收窄$p个百分点",
    ],
};

const TRADE: AreaText = AreaText {
    l1: &["对外开放水平持续提升", "外贸外资稳中提质", "高水平对外开放不断扩大", "对外经济"],
    l2: &["进出口规模再创新高", "利用外资质量提升", "开放平台建设加快", "跨境电商快速发展"],
    l3: &["综合保税区", "中欧班列", "境外展会", "外资招引"],
    clauses: &[
        "进出口总额$a亿元，增长$p%，其中出口$a亿元，增长$p%",
        "实际使用外资$a亿美元，增长$p%",
        "跨境电商进出口额$a亿元，同比增长$p%",
        "新设外商投资企业$n家，世界500强企业累计落户$n家",
        "综合保税区进出口额占全市的$p%",
        "对“一带一路”共建国家进出口增长$p%，占比提高$p个百分点",
        "组织$n家企业参加广交会、进博会等境内外展会，达成意向订单$a亿美元",
        "电动载人汽车、锂离子蓄电池、太阳能电池“新三样”出口增长$p%",
        "受海外需求减弱影响，出口同比下降$p%，降幅较上半年收窄$p个百分点",
        "开通中欧班列（$C—汉堡）线路$n条，全年开行$n列",
        "外贸主体达到$N家，其中有进出口实绩企业$N家",
        "机电产品出口$a亿元，占出口总额的$p%",
    ],
};

const INNOVATION: AreaText = AreaText {
    l1: &["创新驱动，澎湃发展动力", "科技创新能力显著增强", "坚持创新引领，加快培育和发展新质生产力", "教育和科学技术"],
    l2: &["创新主体不断壮大", "创新平台加快建设", "科技成果转化提速", "人才支撑持续增强", "知识产权工作成效明显"],
    l3: &["高新技术企业培育", "研发机构建设", "科技金融", "人才引进", "产学研合作"],
    clauses: &[
        "高新技术企业达到$N家，净增$n家，总数居全市第$r",
        "全社会R&D经费投入强度达到$p%，比上年提高$p个百分点",
        "新增省级以上研发平台$n个，其中国家级$n个",
        "技术合同成交额$a亿元，增长$p%",
        "每万人口高价值发明专利拥有量达到$p件",
        "<入选|获批>“<江淮英才|科技之星|领军人才>”创新团队$n个，引进高层次人才$n名",
        "建设AI算力中心，算力规模达到$N PFlops",
        "“科技贷”“科创贷”累计发放贷款$a亿元，惠及科技型中小企业$n家",
        "与中国科学技术大学、合肥工业大学等高校共建新型研发机构$n家",
        "组织实施关键核心技术攻关项目$n项，突破“卡脖子”技术$n项",
        "科技企业孵化器在孵企业达到$n家，毕业企业$n家",
        "开发落实科研助理岗位$n个，荣获科技部通报表彰",
        "科技型中小企业评价入库$N家，增长$p%",
        "普通高等学校在校生$N人，中等职业教育在校生$N人",
    ],
};

const ENVIRONMENT: AreaText = AreaText {
    l1: &[
        "优化环境，厚植发展沃土",
        "营商环境持续优化",
        "深化改革，激发市场主体活力",
        "持续打造市场化法治化国际化一流营商环境",
    ],
    l2: &["政务服务效能提升", "惠企政策直达快享", "要素保障能力增强", "市场主体活力迸发", "法治化营商环境建设"],
    l3: &["“一网通办”", "“免申即享”", "“一件事一次办”", "企业诉求办理", "信用监管", "“高效办成一件事”"],
    clauses: &[
        "推行政务服务“一件事一次办”，<整合|上线>高频事项$n项",
        "政务服务事项“一网通办”率达到$p%，全程网办率达到$p%",
        "企业开办时间压缩至$n个工作日以内，“零成本”开办实现全覆盖",
        "通过“<创优营商环境|企业诉求>”平台办结企业诉求$N条，满意率$p%",
        "兑现各类惠企政策资金$a亿元，其中“免申即享”$k万元",
        "新增市场主体$N户，<其中企业|其中新登记企业>$N户",
        "开展“四送一服”活动，走访企业$N家次，解决问题$n个",
        "工程建设项目审批时间压缩至$n个工作日",
        "在全省营商环境评价中位列第$r，较上年提升$n位",
        "政务服务网（https://www.example.gov.cn/zwfw/）累计访问量突破$N万人次",
        "建立“首席服务员”制度，为$n家重点企业提供“一对一”服务",
        "全面推行“双随机、一公开”监管，抽查市场主体$N户",
        "与省、市同步开展现场集中办公活动，为企业协调解决问题$n个",
        "及时出台稳经济一揽子政策措施，兑现产业扶持政策资金$a亿元",
    ],
};

const LIVELIHOOD: AreaText = AreaText {
    l1: &[
        "以民为本，增进民生福祉",
        "民生保障有力有效",
        "社会事业全面进步",
        "扎实办好民生实事",
        "人口、居民生活和社会保障",
    ],
    l2: &[
        "就业形势总体稳定",
        "教育事业优质均衡发展",
        "医疗卫生服务能力提升",
        "社会保障体系更加健全",
        "养老托育服务不断完善",
        "住房保障持续加强",
    ],
    l3: &["稳岗就业", "义务教育", "医疗资源", "养老服务", "保障性住房", "社会救助", "文化惠民"],
    clauses: &[
        "城镇新增就业$N人，城镇调查失业率控制在$p%以内",
        "新建改扩建中小学、幼儿园$n所，新增学位$N个",
        "建成社区食堂$n个、农村助餐点$n个",
        "新开工保障性租赁住房$N套，建成$N套",
        "为$N户低保户发放低保资金$k万元",
        "城乡居民基本养老保险参保率稳定在$p%以上",
        "居民人均可支配收入$N元，增长$p%，其中城镇居民、农村居民分别增长$p%和$p%",
        "实施十项暖民心行动，完成年度目标任务",
        "竣工移交社区居家养老配建用房$n处，新增养老床位$N张",
        "全面推进“三公里”就业圈建设，组织招聘活动$n场，提供岗位$N个",
        "每千人口拥有执业（助理）医师$p人",
        "高校毕业生去向落实率达到$p%",
        "完成城镇老旧小区改造$n个，惠及居民$N户",
        "年末常住人口$a万人，比上年末<增加|减少>$a万人，常住人口城镇化率为$p%",
        "开放使用$n个文化站、$n个基层综合文化服务中心",
        "全年出生人口$N人，出生率为$p‰；死亡人口$N人，死亡率为$p‰",
    ],
};

const RURAL: AreaText = AreaText {
    l1: &["乡村振兴全面推进", "农业农村发展稳中向好", "巩固拓展脱贫攻坚成果", "农业"],
    l2: &["粮食生产再获丰收", "特色产业提质增效", "农村人居环境持续改善", "农民收入稳步增长"],
    l3: &["高标准农田", "农业社会化服务", "和美乡村建设", "农村集体经济"],
    clauses: &[
        "粮食播种面积$N亩，总产量$a万吨，增长$p%",
        "深入实施农业生产“大托管”，托管面积达到$N亩",
        "新增高标准农田$N亩，累计建成$N亩",
        "农林牧渔业总产值$a亿元，增长$p%",
        "猪牛羊禽肉产量$a万吨，下降$p%",
        "培育市级以上农业产业化龙头企业$n家、家庭农场$n家",
        "农村常住居民人均可支配收入$N元，增长$p%",
        "村级集体经济收入全部超过$n万元",
        "农村卫生厕所普及率达到$p%，生活垃圾无害化处理实现全覆盖",
        "脱贫人口人均纯收入增长$p%，守住了不发生规模性返贫的底线",
        "油料产量$a万吨，蔬菜及食用菌产量$a万吨，分别增长$p%和$p%",
        "建成省级美丽乡村中心村$n个",
    ],
};

const ECOLOGY: AreaText = AreaText {
    l1: &["生态环境质量持续改善", "坚持绿色发展，建设美丽家园", "深入打好污染防治攻坚战", "资源、环境和安全生产"],
    l2: &["大气污染防治", "水环境治理", "节能降碳", "生态修复"],
    l3: &["“双碳”工作", "河湖长制", "扬尘治理", "固体废物处置"],
    clauses: &[
        "PM2.5平均浓度为$n微克/立方米，下降$p%",
        "空气质量优良天数比率达到$p%，<居全省第$r|较上年提高$p个百分点>",
        "国考、省考断面水质优良比例达到$p%",
        "单位GDP能耗下降$p%，完成年度目标任务",
        "新增光伏装机$a万千瓦，新能源装机占比达到$p%",
        "完成中央生态环境保护督察反馈问题整改$n个",
        "全面落实河湖长制，清理“四乱”问题$n处",
        "推进ESG信息披露，$n家重点企业发布环境信息依法披露报告",
        "建成城市公园$n个、口袋公园$n个，新增绿地面积$a万平方米",
        "完成燃煤锅炉淘汰改造$n台，淘汰国三及以下排放标准柴油货车$N辆",
        "全年平均气温$p℃，降水量$N毫米",
    ],
};

const SAFETY: AreaText = AreaText {
    l1: &["统筹发展和安全，守牢安全底线", "安全生产形势总体平稳", "防范化解重大风险"],
    l2: &["安全生产专项整治", "金融风险防范化解", "社会治理", "应急管理能力建设"],
    l3: &["燃气安全", "消防安全", "道路交通安全", "防汛抗旱"],
    clauses: &[
        "生产安全事故起数、死亡人数分别下降$p%和$p%",
        "开展安全生产治本攻坚三年行动，排查整改隐患$N项",
        "积极防范化解金融风险，非法集资案件<数量|涉案金额>持续下降",
        "建成“<智慧应急|城市生命线>”安全监测平台，接入监测点位$N个",
        "开展燃气安全专项整治，排查餐饮场所$N家",
        "信访事项及时受理率、按期办结率均达到$p%",
        "组织应急演练$n场次，参与人员$N人次",
        "“12345”政务服务便民热线受理诉求$N件，办结率$p%",
        "防汛抗旱各项工作扎实有序，实现安全度汛",
        "亿元地区生产总值生产安全事故死亡率为$p人",
    ],
};

const FISCAL: AreaText = AreaText {
    l1: &["财政金融运行平稳", "财政收支保持平衡", "金融服务实体经济质效提升", "财政和金融"],
    l2: &["财政收入稳步增长", "民生支出保障有力", "存贷款规模扩大", "企业上市工作取得突破"],
    l3: &["税收征管", "政府债务管理", "普惠金融", "资本市场"],
    clauses: &[
        "一般公共预算收入$a亿元，增长$p%，其中税收收入$a亿元，占比$p%",
        "一般公共预算支出$a亿元，其中民生支出占比达到$p%",
        "金融机构本外币存款余额$a亿元，比年初增加$a亿元",
        "金融机构本外币贷款余额$a亿元，增长$p%，存贷比为$p%",
        "普惠小微贷款余额$a亿元，增长$p%",
        "新增境内外上市企业$n家，累计达到$n家，其中科创板上市企业$n家",
        "通过“政银担”“科技贷”“园区贷”等业务发放贷款$a亿元",
        "设立产业引导基金$n支，总规模$a亿元",
        "发行基础设施REITs产品$n单，募集资金$a亿元",
        "受房地产市场调整影响，土地出让收入下降$p%",
        "严格落实过紧日子要求，“三公”经费下降$p%",
        "政府性基金预算收入$a亿元，下降$p%",
    ],
};

const URBAN: AreaText = AreaText {
    l1: &["城乡建设加快推进", "城市功能品质不断提升", "基础设施建设提速", "交通、邮电和旅游"],
    l2: &["路网建设", "城市更新", "公共服务配套", "智慧城市建设", "交通运输"],
    l3: &["道路桥梁", "地下管网", "公园绿地", "轨道交通"],
    clauses: &[
        "开工建设道路里程$a公里，累计通车总里程达到$n公里",
        "完成明湖公园南片区改造工程，开工建设清流公园",
        "基本形成“十四纵十二横”主次干道路网、“九纵两横”水系系统",
        "建成5G基站$N个，实现重点区域5G网络全覆盖",
        "推进城市更新项目$n个，改造棚户区$N户",
        "建成区面积达到$a平方公里，常住人口城镇化率达到$p%",
        "新建充电桩$N个，建成换电站$n座",
        "改造城市地下管网$a公里，消除易涝点$n处",
        "城市运行管理服务平台（城市大脑）上线运行，汇聚数据$N万条",
        "轨道交通$n号线开通运营，日均客流$a万人次",
        "全年货物运输量$a万吨，旅客运输量$a万人次",
        "快递业务量$a亿件，增长$p%；邮政行业业务收入$a亿元",
    ],
};

const STATISTICS: AreaText = AreaText {
    l1: &[
        "统计基础工作不断夯实",
        "统计数据质量稳步提升",
        "依法统计，防范和惩治统计造假",
        "高质量完成第五次全国经济普查",
    ],
    l2: &["统计执法检查", "常规统计调查", "“四上”企业入库", "统计服务水平", "统计信息化建设"],
    l3: &["联网直报", "统计培训", "数据核查", "统计分析"],
    clauses: &[
        "圆满完成第五次全国经济普查登记工作，清查单位$N个",
        "开展统计执法“双随机”检查，抽查调查对象$n家，立案查处$n起",
        "通过联网直报平台（https://lwzb.stats.gov.cn/）报送数据的企业达到$N家，及时率达到$p%",
        "<严格执行|认真落实>《中华人民共和国统计法》和《中华人民共和国统计法实施条例》",
        "编印《统计年鉴》《经济运行简报》等资料$n期",
        "新增“四上”企业入库$n家，<净增|实现净增>$n家",
        "组织统计业务培训$n期，培训统计人员$N人次",
        "认真落实防范和惩治统计造假、弄虚作假责任制",
        "开展统计数据质量核查，核查企业$n家，整改问题$n个",
        "各类统计报表上报及时率、准确率均达到$p%",
        "撰写统计分析报告$n篇，其中$n篇获<市领导|省统计局>批示",
    ],
};

const PARTY: AreaText = AreaText {
    l1: &["全面从严治党向纵深发展", "加强党的建设，锻造过硬队伍", "持续加强机关自身建设"],
    l2: &["政治建设", "作风建设", "党风廉政建设", "基层党组织建设"],
    l3: &["理论学习", "警示教育", "为基层减负", "干部培训"],
    clauses: &[
        "坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大精神",
        "扎实开展<主题教育|党纪学习教育>，<检视整改|查摆>问题$n个",
        "严格落实中央八项规定及其实施细则精神",
        "组织召开专题民主生活会，认真开展批评和自我批评",
        "开展“以案为鉴、以案促改”警示教育，召开警示教育大会$n次",
        "整治形式主义为基层减负，发文数量、会议数量分别下降$p%和$p%",
        "发展党员$n名，新建“两新”组织党组织$n个",
        "举办干部专题培训班$n期，培训干部$N人次",
    ],
};

const DIGITAL: AreaText = AreaText {
    l1: &["数字经济加快发展", "推动数字经济和实体经济深度融合", "数字<政府|社会>建设持续深化"],
    l2: &["数字产业化", "产业数字化", "数字基础设施", "数据要素市场"],
    l3: &["工业互联网", "大数据产业", "人工智能", "算力基础设施"],
    clauses: &[
        "数字经济核心产业增加值占GDP比重达到$p%",
        "建成工业互联网标识解析二级节点$n个，接入企业$N家",
        "上云用云企业累计达到$N家，其中SaaS应用企业$N家",
        "大数据基地在省级考核中较上年提升$n位次",
        "引进Huawei、iFLYTEK等企业设立区域总部或研发中心$n家",
        "数据中心（IDC）机架数达到$N个，PUE值降至1.$n",
        "推进AI大模型在政务、制造等场景应用，落地项目$n个",
        "部署IoT物联网感知终端超过$N个",
        "大数据产业聚焦“两园、两中心、多平台”，推进大数据基地建设",
        "软件和信息技术服务业营业收入$a亿元，增长$p%",
    ],
};

const PROBLEMS: AreaText = AreaText {
    l1: &["存在的主要问题", "当前经济运行中需要关注的问题", "存在的困难和不足", "问题与挑战"],
    l2: &[
        "工业增长后劲不足",
        "投资结构有待优化",
        "消费恢复基础仍不牢固",
        "企业经营压力较大",
        "要素制约依然突出",
        "统计基层基础仍较薄弱",
    ],
    l3: &["企业层面", "项目层面", "要素层面", "政策层面"],
    clauses: &[
        "部分重点企业产值下降，对$S工业增长形成拖累",
        "新开工项目储备不足，大项目、好项目偏少",
        "房地产市场仍处于调整期，销售面积和开发投资持续下降",
        "中小微企业融资难、融资贵问题仍未根本解决",
        "原材料价格高位运行，企业利润空间受到挤压",
        "科技创新对经济增长的支撑作用还不够强",
        "民生领域还有不少短板，教育、医疗等公共服务供给与群众期盼仍有差距",
        "用地、用能等要素保障压力较大，部分项目推进缓慢",
        "基层统计力量薄弱，部分企业统计人员流动性大、业务不熟悉",
        "部分行业PPI持续下行，企业营业收入增速回落",
        "出口订单减少，外贸企业“接单难”问题较为突出",
        "个别部门主动服务意识不强，政策落实存在“最后一公里”梗阻",
        "部分新入库企业规模偏小，对指标增长的贡献有限",
    ],
};

const PLANS: AreaText = AreaText {
    l1: &["下一步工作打算", "$F年工作安排", "下阶段工作重点", "对策建议", "$F年工作思路和重点任务"],
    l2: &[
        "全力稳住工业增长",
        "持续扩大有效投资",
        "着力提振消费",
        "深化改革开放",
        "加强民生保障",
        "防范化解风险",
        "加强统计监测分析",
        "持续优化营商环境",
    ],
    l3: &["强化调度", "精准施策", "压实责任", "加强督查"],
    clauses: &[
        "紧盯全年目标任务，<加强|强化>经济运行监测调度",
        "<聚焦|围绕>主导产业开展精准招商，力争全年新签约亿元以上项目$n个",
        "加快推进在建项目建设，推动已签约项目早开工、早投产、早见效",
        "落实落细各项惠企政策，帮助企业解决融资、用工等实际困难",
        "持续开展“四上”企业培育行动，确保应统尽统",
        "强化重点企业、重点项目“一对一”跟踪服务",
        "谋划储备一批重大项目，积极争取超长期特别国债和专项债券支持",
        "扎实做好岁末年初各项工作，确保社会大局和谐稳定",
        "以“时时放心不下”的责任感抓好安全生产",
        "加强经济运行分析研判，及时发现苗头性、倾向性问题",
        "力争$F年地区生产总值增长$p%以上",
        "<推动|推进>新型显示、集成电路等产业延链补链强链",
    ],
};

const REQUIREMENTS: AreaText = AreaText {
    l1: &["工作要求", "组织实施", "保障措施", "有关要求", "时间安排"],
    l2: &[
        "提高思想认识",
        "加强组织领导",
        "压实工作责任",
        "强化督查考核",
        "按时报送材料",
        "严肃工作纪律",
        "加强宣传引导",
    ],
    l3: &["动员部署阶段", "组织实施阶段", "总结验收阶段", "整改提升阶段"],
    clauses: &[
        "各地各部门要充分认识做好此项工作的重要意义，切实加强组织领导",
        "主要负责同志要亲自研究部署，分管负责同志要具体抓好落实",
        "请各单位于$D前将工作进展情况电子版报送至$M",
        "对工作推进不力、弄虚作假的，将按有关规定严肃追责问责",
        "要加强政策宣传解读，营造全社会共同参与的良好氛围",
        "<各牵头单位|各责任单位>要制定具体工作方案，明确时间表、路线图和责任人",
        "工作推进中遇到的重大问题，请及时报告",
        "有关表格可登录$U下载",
        "$D前，完成自查自纠工作，形成自查报告",
        "各县（市、区）统计局要将检查发现的问题及时反馈被检查单位，督促限期整改",
        "<严格落实|认真执行>保密规定，不得泄露调查对象的商业秘密和个人信息",
    ],
};

/// Level-4 headings (（1）…): short, generic measures.
const L4_HEADINGS: &[&str] = &[
    "强化组织保障",
    "加强要素支撑",
    "完善工作机制",
    "加大政策支持力度",
    "强化督查考核",
    "加强宣传引导",
    "优化服务流程",
    "加强队伍建设",
    "健全监测体系",
    "推进示范创建",
    "抓好项目落地",
    "做好跟踪服务",
    "开展专项行动",
    "落实责任分工",
    "加强数据核查",
    "推动政策兑现",
];

/// Openers of a sentence within a paragraph.
const CONNECTIVES: &[&str] = &[
    "同时，",
    "此外，",
    "与此同时，",
    "从运行特点看，",
    "从重点企业看，",
    "值得关注的是，",
    "总体来看，",
    "截至$T末，",
    "$T，",
    "其中，",
    "具体来看，",
    "另一方面，",
    "据初步统计，",
    "经测算，",
];

/// Lead-ins of an enumeration paragraph (一是……；二是……).
const ENUM_LEADS: &[&str] = &[
    "主要做法：",
    "重点抓好以下工作：",
    "主要表现在以下几个方面：",
    "具体措施如下：",
    "<我们|$S上下>着力做好以下几点：",
    "从调度情况看，",
    "下一步，将重点做好以下工作：",
    "存在的问题主要有：",
];

/// Genre openers: the first paragraph of a report, before its sections.
const SUMMARY_OPENERS: &[&str] = &[
    "$T，在$C市委、市政府的坚强领导下，$R坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大<和二十届二中、三中全会|>精神，<完整、准确、全面贯彻新发展理念|坚持稳中求进工作总基调>，统筹推进稳增长、调结构、促改革、惠民生、防风险各项工作，经济社会保持平稳健康发展",
    "$T，$R<踔厉奋发、勇毅前行|真抓实干、攻坚克难>，<认真落实|全面落实>中央、省、市各项决策部署，高效统筹发展和安全，各项工作取得新的进展",
    "今年以来，$R紧紧围绕年初确定的目标任务，坚持“<项目为王、企业为本|产业立区、创新强区>”，聚力抓招商、上项目、优环境、惠民生，主要经济指标<好于预期|保持稳定增长>",
];

const ANALYSIS_OPENERS: &[&str] = &[
    "$T，面对<复杂严峻的外部环境|需求收缩、供给冲击、预期转弱三重压力|外部环境不确定性上升>，$R认真贯彻落实中央、省、市各项决策部署，<着力稳增长、稳就业、稳物价|持续推动经济回升向好>，经济运行<总体平稳、稳中有进|延续恢复向好态势|呈现“稳、进、好”的良好态势>",
    "根据地区生产总值统一核算结果，$T$R经济运行<稳中有升|持续恢复|保持平稳>，生产需求<稳步回升|持续改善>，就业物价总体稳定，<但|同时>外部环境仍然复杂多变，经济回升向好的基础仍需巩固",
    "$T，$R主要经济指标<呈现“多数向好、少数承压”的特点|保持在合理区间|增速高于全省平均水平>",
];

const NOTICE_OPENERS: &[&str] = &[
    "现将《$V》印发给你们，请结合实际，认真抓好贯彻落实。",
    "《$V》已经<$C市政府同意|管委会主任办公会议研究通过|局党组会议审议通过>，现印发给你们，请认真组织实施。",
    "为认真贯彻落实<党中央、国务院|省委、省政府|市委、市政府>关于<优化营商环境|防范和惩治统计造假|推动高质量发展>的决策部署，<进一步|切实>做好有关工作，经研究，现就有关事项通知如下：",
    "根据《中华人民共和国统计法》<和《$V》|>有关规定，按照上级统一部署，决定在$S范围内开展相关工作，现将有关事项通知如下：",
];

const BULLETIN_OPENERS: &[&str] = &[
    "$Y年，面对<复杂严峻的国际环境和艰巨繁重的改革发展稳定任务|多重超预期因素冲击>，$R在$C市委、市政府的坚强领导下，坚持稳中求进工作总基调，经济社会发展<取得新成效|稳中向好>",
    "初步核算，全年地区生产总值<迈上新台阶|保持较快增长>，三次产业结构<持续优化|不断调整>，经济运行总体平稳",
];

const MONTHLY_OPENERS: &[&str] = &[
    "$T，$R经济运行<延续恢复向好态势|总体平稳|稳中有进>，<工业生产加快|投资降幅收窄|消费市场回暖>，主要指标<好于全市平均水平|符合预期>",
    "$T，$S主要经济指标运行情况如下",
    "<据统计|据快报统计>，$T$R主要经济指标<呈现“四升两降”态势|多数保持增长|增速有所回落>",
];

/// Closing lines of genres that close with one.
const REPORT_CLOSINGS: &[&str] = &["特此报告。", "以上报告，请审阅。", "专此报告。"];

const BULLETIN_NOTES: &[&str] = &[
    "本公报中$Y年数据均为初步统计数，各项数据因四舍五入原因，存在总计与分项合计不等的情况。",
    "地区生产总值、各产业增加值绝对数按现价计算，增长速度按不变价格计算。",
    "规模以上工业统计范围为年主营业务收入2000万元及以上的工业法人单位。",
    "固定资产投资统计起点为计划总投资500万元及以上的建设项目。",
    "城镇新增就业、社会保障等数据来源于$C市人力资源和社会保障局；财政数据来源于$C市财政局；金融数据来源于中国人民银行$C市分行。",
    "居民收入数据来源于国家统计局$C调查队住户抽样调查。",
    "本公报数据可在$C市统计局门户网站（$U）查询，电子邮箱：$M。",
];

/// Topics: what a plan, notice or special report is about, with the area its body draws on.
const TOPICS: &[(&str, Area)] = &[
    ("优化营商环境", Area::Environment),
    ("统计执法检查", Area::Statistics),
    ("安全生产", Area::Safety),
    ("招商引资", Area::Investment),
    ("科技创新", Area::Innovation),
    ("数字经济发展", Area::Digital),
    ("乡村振兴", Area::Rural),
    ("生态环境保护", Area::Ecology),
    ("制造业高质量发展", Area::Industry),
    ("民营经济发展壮大", Area::Environment),
    ("“四上”企业培育入库", Area::Statistics),
    ("第五次全国经济普查", Area::Statistics),
    ("统计数据质量提升", Area::Statistics),
    ("重点项目建设", Area::Investment),
    ("城市更新", Area::Urban),
    ("政务服务“一网通办”", Area::Environment),
    ("防范化解金融风险", Area::Fiscal),
    ("稳就业促创业", Area::Livelihood),
    ("提振消费", Area::Consumption),
    ("外贸稳规模优结构", Area::Trade),
    ("专精特新中小企业培育", Area::Industry),
    ("节能降碳", Area::Ecology),
    ("安全生产治本攻坚三年行动", Area::Safety),
    ("城镇老旧小区改造", Area::Urban),
    ("人才引进和培养", Area::Innovation),
    ("知识产权保护", Area::Innovation),
    ("数据要素市场化配置改革", Area::Digital),
    ("低空经济高质量发展", Area::Industry),
    ("新能源汽车产业发展", Area::Industry),
    ("文旅融合发展", Area::Consumption),
    ("养老服务体系建设", Area::Livelihood),
    ("义务教育优质均衡发展", Area::Livelihood),
    ("推进制造业数字化转型和中小企业专精特新发展", Area::Digital),
    ("加快发展新质生产力推动经济高质量发展", Area::Innovation),
    ("工业互联网创新发展", Area::Digital),
    ("“亩均论英雄”改革", Area::Industry),
    ("社会信用体系建设", Area::Environment),
    ("开发区体制机制改革", Area::Environment),
    ("跨境电商综合试验区建设", Area::Trade),
    ("统计信息化建设", Area::Statistics),
    ("深化“放管服”改革优化营商环境持续激发市场主体活力", Area::Environment),
    ("推动大规模设备更新和消费品以旧换新", Area::Consumption),
    ("统计造假不作为问题专项治理和统计数据质量提升", Area::Statistics),
];

// --- Names: places, bodies, firms, projects. All invented.

const CITIES: &[&str] = &[
    "江淮", "青川", "云岭", "临澜", "滨江", "东岚", "南屏", "西陵", "北源", "清河", "长宁", "安澜", "桐溪", "凤川",
    "松岭", "梅山", "石泉", "宁远", "江川", "明湖", "紫阳", "白沙", "龙泉", "金湖", "玉山", "盘溪",
];
const COUNTIES: &[&str] = &[
    "青阳", "云溪", "临川", "桃源", "柳城", "安平", "长丰", "东阳", "南岭", "西湖", "清源", "丰乐", "双河", "永宁",
    "和平", "新安", "明光", "白塔", "黄池", "杏花", "三河", "高沟", "竹溪", "望江",
];
const PROVINCES: &[&str] = &["皖", "赣", "湘", "鄂", "苏", "浙", "豫", "川", "黔", "闽"];
const ZONE_KINDS: &[(&str, &str, &str)] = &[
    // full name, short name, document number word
    ("高新技术产业开发区", "高新区", "高新"),
    ("经济技术开发区", "经开区", "经开"),
    ("综合保税区", "综保区", "综保"),
    ("新站高新技术产业开发区", "新站高新区", "新站"),
    ("现代产业园区", "产业园区", "园区"),
];
const TOWNS: &[&str] = &[
    "城关镇",
    "高桥镇",
    "柳湾镇",
    "双河镇",
    "三塘乡",
    "花园街道",
    "东湖街道",
    "城南街道",
    "新港镇",
    "石门乡",
    "龙山镇",
    "杨柳镇",
    "金桥街道",
    "河西街道",
];
const FIRM_BRANDS: &[&str] = &[
    "瑞芯", "华拓", "博远", "擎天", "创源", "星辰", "中科", "海创", "远景", "天岳", "金泰", "恒昌", "鼎盛", "国瑞",
    "启航", "联拓", "智恒", "汇川", "同创", "蓝盾", "晶泰", "宏芯", "科瀚", "欣达", "皖辰", "江越", "云谷", "明石",
];
const FIRM_TRADES: &[&str] = &[
    "电子科技",
    "智能装备",
    "新能源科技",
    "生物医药",
    "新材料科技",
    "半导体",
    "光电技术",
    "汽车零部件",
    "数据科技",
    "食品",
    "精密机械",
    "环保科技",
    "信息技术",
    "建设工程",
    "物流",
    "医疗器械",
];
const FIRM_SUFFIXES: &[&str] = &["有限公司", "股份有限公司", "集团有限公司", "科技有限公司", "（中国）有限公司"];
const PROJECT_FORMS: &[&str] = &[
    "年产$n万台（套）新能源汽车电驱系统项目",
    "$n英寸硅基OLED微显示器制造项目",
    "5G智能制造产业园（<一|二|三>期）",
    "$C数据中心（IDC）<一|二>期工程",
    "城市污水处理厂提标改造PPP项目",
    "$K片区城市更新<项目|工程>",
    "<创新大道|科学大道|长江路|明湖路|云谷路>（<繁华大道|紫云路|习友路>—<方兴大道|金寨路|创新大道>段）改造工程",
    "$C综合保税区<二|三>期<基础设施|标准厂房>项目",
    "年产$n万吨锂电池正极材料项目",
    "$a兆瓦分布式光伏发电项目",
    "<新型显示|集成电路|生物医药>产业园标准化厂房（<一|二|四>期）",
    "$E总部及研发中心项目",
    "$K人民医院<新院区|综合楼>建设项目",
    "$C第<一|二|三|八>中学新校区",
    "保障性租赁住房（$N套）建设项目",
    "<江淮|长江|明湖>路综合管廊工程",
    "年产$n万片Mini LED背光模组项目",
    "冷链物流园及农产品批发市场项目",
    "高标准农田建设项目（$N亩）",
    "低空经济产业园及通用机场项目",
];
/// What a project builds, for the 建设内容及规模 column.
const CONSTRUCTION: &[&str] = &[
    "新建标准化厂房及研发楼、仓储用房等配套设施",
    "建设年产$n万台（套）生产线$n条，购置生产及检测设备$N台（套）",
    "新建道路长$a公里，红线宽度$n米，同步建设雨污水管网、照明及绿化工程",
    "新建教学楼、实验楼、风雨操场等，设置班级$n个",
    "安装光伏组件$n万块，配套建设升压站及储能设施",
    "新建门诊医技楼、住院楼，设置床位$N张",
    "建设数据中心机房及配套动力设施，部署标准机架$N个",
    "改造老旧小区$n个，涉及居民$N户，实施管网、屋面、外墙等改造",
    "建设冷库$N立方米、交易大棚及检验检测中心",
    "建设OLED模组生产线及洁净厂房，达产后年产值$a亿元",
    "整治河道$a公里，新建堤防、生态护岸及滨水步道",
    "建设保障性租赁住房$N套及社区服务用房",
];
const PERSONS: &[&str] = &["张某某", "李某", "王某某", "刘某", "陈某某", "杨某", "赵某某", "黄某", "周某某", "吴某"];
const DEPARTMENTS: &[&str] = &[
    "发展改革委",
    "经济和信息化局",
    "科技局",
    "商务局",
    "财政局",
    "人力资源和社会保障局",
    "自然资源和规划局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "农业农村局",
    "统计局",
    "市场监督管理局",
    "数据资源管理局",
    "政务服务管理局",
    "应急管理局",
    "教育局",
    "卫生健康委",
    "税务局",
];
const ZONE_DEPARTMENTS: &[&str] = &[
    "经济发展局",
    "科技创新局",
    "规划建设局",
    "财政局",
    "社会事业局",
    "招商服务中心",
    "党政办公室",
    "安全生产监督管理局",
    "生态环境分局",
    "企业服务中心",
];
const URL_HOSTS: &[&str] = &[
    "www.example.gov.cn",
    "tjj.example.gov.cn",
    "fgw.example.gov.cn",
    "www.hitech-zone.example.cn",
    "zwfw.example.gov.cn",
];
const MAIL_USERS: &[&str] = &["office", "tjj_zhk", "fgw_zhc", "jjfzj", "xmb2024", "gwb", "tjzf", "yshj.office"];
const MAIL_HOSTS: &[&str] = &["example.gov.cn", "tjj.example.gov.cn", "mail.example.cn"];
/// Notes of indicators: 20–60 characters, as a statistics bureau writes them under a table;
/// those tied to an area go only with that area's figures.
const NOTES: &[(&str, Option<Area>)] = &[
    ("含新设立企业，数据为快报数，最终以国家统计局反馈数据为准", None),
    ("按可比价格计算，增速为剔除价格因素后的实际增长", None),
    ("为累计数，统计截至报告期末，含已认定尚未公示的企业", None),
    ("受上年同期基数较高影响，增速有所回落，下半年有望企稳", None),
    ("指标由$G会同有关部门测算，不作为年度目标考核依据", None),
    ("数据来源：国家统计局$C调查队，为季度数据", None),
    ("统计口径为年主营业务收入2000万元及以上的工业法人单位", Some(Area::Industry)),
    ("1至$m月上报新签约亿元以上项目$n个，其中10亿元以上项目$n个", Some(Area::Investment)),
    ("不含农户投资，项目计划总投资500万元及以上", Some(Area::Investment)),
    ("数据来源：市商务局，为海关统计初步数据，按人民币计价", Some(Area::Trade)),
    ("含个体工商户，不含已注销、吊销的市场主体", Some(Area::Environment)),
    ("按常住人口计算，数据来源于住户抽样调查", Some(Area::Livelihood)),
    ("根据第三次全国土地调查成果及年度变更调查数据测算", Some(Area::Rural)),
    ("按国家环境空气质量标准（GB 3095—2012）评价，为实况数据", Some(Area::Ecology)),
    ("数据来源：中国人民银行$C市分行，为本外币合计数", Some(Area::Fiscal)),
];
const RANKS: &[&str] = &[
    "全市第一",
    "全市第二",
    "全市第三",
    "全省第五",
    "全市第1位",
    "全省前十",
    "全省第12位",
    "全国第56位",
    "在全省126个开发区中位列第8",
    "全市倒数第二",
    "全市第四",
    "全省第一方阵",
];
/// Sectors of industry, with their official names (some 10–20 characters), for charts and
/// tables of industrial growth.
const SECTORS: &[&str] = &[
    "计算机通信和其他电子设备制造业",
    "电气机械和器材制造业",
    "汽车制造业",
    "化学原料和化学制品制造业",
    "非金属矿物制品业",
    "通用设备制造业",
    "专用设备制造业",
    "医药制造业",
    "黑色金属冶炼和压延加工业",
    "有色金属冶炼和压延加工业",
    "农副食品加工业",
    "纺织服装、服饰业",
    "橡胶和塑料制品业",
    "金属制品业",
    "电力、热力生产和供应业",
    "铁路、船舶、航空航天和其他运输设备制造业",
    "仪器仪表制造业",
    "酒、饮料和精制茶制造业",
    "食品制造业",
    "木材加工和木、竹、藤、棕、草制品业",
];
/// Attachment names, with the long ones clerks write.
const ATTACHMENTS: &[&str] = &[
    "$R$Y年重点项目建设计划表（第<一|二>批）及资金安排明细",
    "$Y年统计执法检查对象名单",
    "$Y年$X工作任务分工表",
    "联系人回执表",
    "$R$Y年1—$m月主要经济指标完成情况表（分县区）",
    "$X工作进展情况统计表（$Y年第<一|二|三|四>季度）",
    "$R$Y年度“四上”企业培育库名单及责任单位对照表",
    "自查报告提纲",
    "$Y年度惠企政策兑现申报指南及申报材料清单（企业版）",
    "重点企业包保服务责任分解表",
    "$R$Y年$X专项资金绩效目标申报表",
];

/// Addressees (主送机关) by the level of the issuer, and for reports sent up.
const ADDRESSEES_DOWN: &[&[&str]] = &[
    &["各县（市、区）人民政府", "市政府各部门、各直属机构"],
    &["各县（市、区）统计局", "市直有关单位"],
    &["各乡镇人民政府、街道办事处", "县直各单位"],
    &["管委会各局（办、中心）", "各平台公司"],
    &["各镇（街道）、各园区", "区直各部门"],
    &["各有关单位"],
    &["各县（市、区）人民政府，各开发区管委会", "市政府各部门、各直属机构", "中央、省驻市有关单位"],
];
const ADDRESSEES_UP: &[&[&str]] =
    &[&["市人民政府"], &["市委、市政府"], &["省统计局"], &["县委、县政府"], &["管委会"], &["市发展改革委"]];

// ---------------------------------------------------------------------------------------------
// Indicators: the figures reports are about, with the ranges their values take.

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Growth,
    Total,
    Count,
    Rank,
    Share,
    Other,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Growth => "growth_rate",
            Kind::Total => "total",
            Kind::Count => "count",
            Kind::Rank => "rank",
            Kind::Share => "share",
            Kind::Other => "other",
        }
    }
}

#[derive(Clone, Copy)]
struct Def {
    id: &'static str,
    name: &'static str,
    unit: &'static str,
    kind: Kind,
    /// Range of the value, and its decimals.
    lo: f64,
    hi: f64,
    decimals: u32,
    /// Range of its change against the basis period, when it has one.
    change: Option<(f64, f64)>,
    area: Area,
}

const fn def(
    id: &'static str,
    name: &'static str,
    unit: &'static str,
    kind: Kind,
    range: (f64, f64, u32),
    area: Area,
) -> Def {
    Def { id, name, unit, kind, lo: range.0, hi: range.1, decimals: range.2, change: None, area }
}

impl Def {
    const fn change(self, lo: f64, hi: f64) -> Def {
        Def { change: Some((lo, hi)), ..self }
    }
}

use Kind::{Count, Growth, Other, Share, Total};

const DEFS: &[Def] = &[
    def("gdp", "地区生产总值", "亿元", Total, (80.0, 6000.0, 2), Area::Overall).change(-2.0, 9.0),
    def("gdp_primary", "第一产业增加值", "亿元", Total, (5.0, 400.0, 2), Area::Overall).change(-1.0, 5.0),
    def("gdp_secondary", "第二产业增加值", "亿元", Total, (40.0, 2500.0, 2), Area::Overall).change(-3.0, 10.0),
    def("gdp_tertiary", "第三产业增加值", "亿元", Total, (40.0, 3000.0, 2), Area::Overall).change(1.0, 8.0),
    def("gdp_per_capita", "人均地区生产总值", "元", Total, (40000.0, 160000.0, 0), Area::Overall).change(2.0, 8.0),
    def("cpi", "居民消费价格涨幅", "%", Growth, (-0.8, 3.0, 1), Area::Overall),
    def("population", "年末常住人口", "万人", Total, (20.0, 900.0, 2), Area::Overall),
    def("urbanization", "常住人口城镇化率", "%", Share, (45.0, 85.0, 2), Area::Overall),
    def("industrial_va", "规模以上工业增加值", "%", Growth, (-6.0, 18.0, 1), Area::Industry),
    def("hightech_mfg", "高技术制造业增加值", "%", Growth, (-5.0, 30.0, 1), Area::Industry),
    def("industrial_revenue", "规上工业营业收入", "亿元", Total, (50.0, 8000.0, 2), Area::Industry).change(-8.0, 15.0),
    def("industrial_profit", "规上工业利润总额", "亿元", Total, (3.0, 500.0, 2), Area::Industry).change(-30.0, 40.0),
    def("above_scale_firms", "规上工业企业", "家", Count, (80.0, 3000.0, 0), Area::Industry),
    def("new_above_scale", "净增规上工业企业", "户", Count, (5.0, 120.0, 0), Area::Industry),
    def("construction_output", "建筑业总产值", "亿元", Total, (20.0, 3000.0, 2), Area::Industry).change(-12.0, 15.0),
    def("nev_output", "新能源汽车产量", "辆", Count, (1000.0, 600000.0, 0), Area::Industry).change(10.0, 90.0),
    def("industrial_power", "工业用电量", "亿千瓦时", Total, (5.0, 400.0, 2), Area::Industry).change(-5.0, 12.0),
    def("fai", "固定资产投资", "%", Growth, (-15.0, 15.0, 1), Area::Investment),
    def("industrial_invest", "工业投资", "%", Growth, (-20.0, 30.0, 1), Area::Investment),
    def("infra_invest", "基础设施投资", "%", Growth, (-20.0, 25.0, 1), Area::Investment),
    def("realestate_invest", "房地产开发投资", "%", Growth, (-35.0, 5.0, 1), Area::Investment),
    def("private_invest", "民间投资", "%", Growth, (-15.0, 12.0, 1), Area::Investment),
    def("signed_projects", "新签约亿元以上项目", "个", Count, (10.0, 150.0, 0), Area::Investment),
    def("contracted_investment", "协议总投资", "亿元", Total, (50.0, 1500.0, 2), Area::Investment),
    def("key_project_invest", "重点项目完成投资", "亿元", Total, (20.0, 900.0, 2), Area::Investment).change(-5.0, 20.0),
    def("housing_sales", "商品房销售面积", "万平方米", Total, (20.0, 1500.0, 2), Area::Investment).change(-40.0, 8.0),
    def("retail", "社会消费品零售总额", "亿元", Total, (30.0, 3000.0, 2), Area::Consumption).change(-3.0, 12.0),
    def("retail_above", "限额以上单位消费品零售额", "亿元", Total, (10.0, 900.0, 2), Area::Consumption)
        .change(-8.0, 15.0),
    def("online_retail", "网上零售额", "亿元", Total, (5.0, 900.0, 2), Area::Consumption).change(0.0, 30.0),
    def("tourists", "接待国内外游客", "万人次", Total, (100.0, 8000.0, 1), Area::Consumption).change(-10.0, 60.0),
    def("tourism_revenue", "旅游总收入", "亿元", Total, (10.0, 900.0, 2), Area::Consumption).change(-10.0, 60.0),
    def("catering", "餐饮收入", "亿元", Total, (5.0, 300.0, 2), Area::Consumption).change(-5.0, 25.0),
    def("trade", "进出口总额", "亿元", Total, (10.0, 3000.0, 2), Area::Trade).change(-20.0, 30.0),
    def("exports", "出口总额", "亿元", Total, (5.0, 2000.0, 2), Area::Trade).change(-20.0, 30.0),
    def("fdi", "实际使用外资", "亿美元", Total, (0.5, 40.0, 2), Area::Trade).change(-40.0, 30.0),
    def("cross_border", "跨境电商交易额", "亿元", Total, (1.0, 300.0, 2), Area::Trade).change(5.0, 80.0),
    def("hightech_firms", "高新技术企业", "家", Count, (50.0, 5000.0, 0), Area::Innovation),
    def("tech_sme", "科技型中小企业", "家", Count, (50.0, 6000.0, 0), Area::Innovation),
    def("rd_intensity", "R&D经费投入强度", "%", Share, (1.2, 4.8, 2), Area::Innovation).change(-0.2, 0.5),
    def("invention_patents", "有效发明专利", "件", Count, (200.0, 40000.0, 0), Area::Innovation).change(5.0, 30.0),
    def("tech_contracts", "技术合同成交额", "亿元", Total, (5.0, 900.0, 2), Area::Innovation).change(5.0, 60.0),
    def("zjtx", "省级专精特新企业", "家", Count, (10.0, 800.0, 0), Area::Innovation),
    def("new_entities", "新增市场主体", "户", Count, (1000.0, 150000.0, 0), Area::Environment).change(-10.0, 25.0),
    def("new_enterprises", "新登记企业", "户", Count, (500.0, 50000.0, 0), Area::Environment).change(-10.0, 25.0),
    def("online_rate", "政务服务事项“一网通办”率", "%", Share, (92.0, 100.0, 1), Area::Environment),
    def("business_rank", "营商环境评价位次", "位", Kind::Rank, (1.0, 16.0, 0), Area::Environment),
    def("policy_funds", "兑现惠企政策资金", "亿元", Total, (0.5, 30.0, 2), Area::Environment),
    def("new_jobs", "城镇新增就业", "人", Count, (2000.0, 120000.0, 0), Area::Livelihood),
    def("unemployment", "城镇调查失业率", "%", Share, (4.2, 5.8, 1), Area::Livelihood),
    def("urban_income", "城镇常住居民人均可支配收入", "元", Total, (30000.0, 75000.0, 0), Area::Livelihood)
        .change(2.5, 7.5),
    def("pension_insured", "基本养老保险参保人数", "万人", Total, (10.0, 600.0, 2), Area::Livelihood),
    def("elderly_beds", "养老机构床位", "张", Count, (500.0, 40000.0, 0), Area::Livelihood),
    def("new_school_places", "新增中小学学位", "个", Count, (500.0, 60000.0, 0), Area::Livelihood),
    def("affordable_housing", "保障性租赁住房", "套", Count, (300.0, 30000.0, 0), Area::Livelihood),
    def("doctors", "每千人口执业（助理）医师", "人", Other, (2.0, 5.0, 2), Area::Livelihood),
    def("grain", "粮食总产量", "万吨", Total, (5.0, 800.0, 2), Area::Rural).change(-5.0, 5.0),
    def("agri_output", "农林牧渔业总产值", "亿元", Total, (10.0, 900.0, 2), Area::Rural).change(2.0, 6.0),
    def("rural_income", "农村常住居民人均可支配收入", "元", Total, (12000.0, 35000.0, 0), Area::Rural).change(4.0, 9.0),
    def("farmland", "新增高标准农田", "万亩", Total, (0.5, 60.0, 2), Area::Rural),
    def("meat", "猪牛羊禽肉产量", "万吨", Total, (0.5, 90.0, 2), Area::Rural).change(-10.0, 8.0),
    def("pm25", "PM2.5平均浓度", "微克/立方米", Other, (18.0, 48.0, 0), Area::Ecology).change(-15.0, 5.0),
    def("good_air", "空气质量优良天数比率", "%", Share, (65.0, 98.0, 1), Area::Ecology),
    def("energy_intensity", "单位GDP能耗降低率", "%", Other, (1.0, 5.0, 1), Area::Ecology),
    def("water_quality", "国考断面水质优良比例", "%", Share, (60.0, 100.0, 1), Area::Ecology),
    def("pv_capacity", "新增光伏装机容量", "万千瓦", Total, (1.0, 200.0, 2), Area::Ecology),
    def("accidents", "生产安全事故起数", "起", Count, (3.0, 300.0, 0), Area::Safety).change(-40.0, 10.0),
    def("hazards", "排查整改隐患", "项", Count, (500.0, 90000.0, 0), Area::Safety),
    def("hotline", "12345热线受理诉求", "件", Count, (10000.0, 900000.0, 0), Area::Safety).change(-5.0, 30.0),
    def("fiscal_revenue", "一般公共预算收入", "亿元", Total, (5.0, 900.0, 2), Area::Fiscal).change(-10.0, 12.0),
    def("tax_revenue", "税收收入", "亿元", Total, (4.0, 700.0, 2), Area::Fiscal).change(-12.0, 12.0),
    def("fiscal_expenditure", "一般公共预算支出", "亿元", Total, (10.0, 1500.0, 2), Area::Fiscal).change(-8.0, 10.0),
    def("deposits", "金融机构本外币存款余额", "亿元", Total, (100.0, 20000.0, 2), Area::Fiscal).change(4.0, 14.0),
    def("loans", "金融机构本外币贷款余额", "亿元", Total, (100.0, 25000.0, 2), Area::Fiscal).change(5.0, 16.0),
    def("listed_firms", "境内外上市企业", "家", Count, (1.0, 120.0, 0), Area::Fiscal),
    def("road_km", "新建改建道路里程", "公里", Total, (3.0, 200.0, 2), Area::Urban),
    def("base_5g", "5G基站", "个", Count, (300.0, 30000.0, 0), Area::Urban),
    def("built_area", "建成区面积", "平方公里", Total, (10.0, 600.0, 2), Area::Urban),
    def("express", "快递业务量", "亿件", Total, (0.3, 40.0, 2), Area::Urban).change(5.0, 35.0),
    def("charging", "新建充电桩", "个", Count, (100.0, 30000.0, 0), Area::Urban),
    def("census_units", "经济普查清查单位", "个", Count, (2000.0, 300000.0, 0), Area::Statistics),
    def("inspected", "统计执法检查单位", "家", Count, (10.0, 300.0, 0), Area::Statistics),
    def("cases", "统计违法案件立案", "起", Count, (0.0, 30.0, 0), Area::Statistics),
    def("timely_rate", "联网直报及时率", "%", Share, (95.0, 100.0, 1), Area::Statistics),
    def("new_four_up", "新增“四上”企业", "家", Count, (10.0, 600.0, 0), Area::Statistics),
    def("digital_share", "数字经济核心产业增加值占比", "%", Share, (3.0, 20.0, 1), Area::Digital),
    def("cloud_firms", "上云用云企业", "家", Count, (200.0, 30000.0, 0), Area::Digital),
    def("software_revenue", "软件和信息技术服务业收入", "亿元", Total, (5.0, 2000.0, 2), Area::Digital)
        .change(5.0, 25.0),
    def("idc_racks", "数据中心标准机架", "个", Count, (500.0, 60000.0, 0), Area::Digital),
];

/// A plan target (力争、确保): a figure with the word that follows it ("左右", "以上").
struct Target {
    id: &'static str,
    name: &'static str,
    unit: &'static str,
    /// Range of the value, and its decimals.
    range: (f64, f64, u32),
    /// What follows the figure in text, and stands as the indicator's note.
    after: &'static str,
}

const fn target(
    id: &'static str,
    name: &'static str,
    unit: &'static str,
    range: (f64, f64, u32),
    after: &'static str,
) -> Target {
    Target { id, name, unit, range, after }
}

const TARGETS: &[Target] = &[
    target("gdp_goal", "地区生产总值增速", "%", (4.5, 8.0, 1), "左右"),
    target("industrial_goal", "规上工业增加值增速", "%", (6.0, 12.0, 1), "以上"),
    target("fai_goal", "固定资产投资增速", "%", (5.0, 10.0, 1), "左右"),
    target("retail_goal", "社会消费品零售总额增速", "%", (5.0, 9.0, 1), "左右"),
    target("revenue_goal", "一般公共预算收入增速", "%", (3.0, 8.0, 1), "，与经济增长基本同步"),
    target("jobs_goal", "城镇新增就业", "人", (3000.0, 50000.0, 0), "以上"),
    target("unemployment_goal", "城镇调查失业率", "%", (5.5, 5.5, 1), "以内"),
    target("rd_goal", "R&D经费投入强度", "%", (2.5, 4.0, 2), "以上"),
    target("hightech_goal", "新增高新技术企业", "家", (30.0, 500.0, 0), "以上"),
    target("projects_goal", "新签约亿元以上项目", "个", (30.0, 150.0, 0), "以上"),
    target("pm25_goal", "PM2.5平均浓度", "微克/立方米", (25.0, 38.0, 0), "以下"),
    target("income_goal", "居民人均可支配收入增速", "%", (5.0, 7.0, 1), "，与经济增长同步"),
    target("trade_goal", "进出口总额增速", "%", (3.0, 10.0, 1), "，稳中有增"),
    target("energy_goal", "单位GDP能耗降低", "%", (2.0, 3.5, 1), "，完成省下达目标任务"),
];

// ---------------------------------------------------------------------------------------------
// One report in the making.

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Genre {
    /// 工作总结 / 工作情况的报告.
    Summary,
    /// 经济运行情况分析 (a statistics bureau's).
    Analysis,
    /// 通知: 印发, 做好, 开展.
    Notice,
    /// 工作要点 / 实施方案 / 工作计划, with plan targets.
    Plan,
    /// 国民经济和社会发展统计公报: long, dense with figures and tables.
    Bulletin,
    /// 月度经济运行简报: short, a table and a chart.
    Monthly,
    /// 重点项目建设情况: long project tables.
    Projects,
}

const GENRES: &[(Genre, u32)] = &[
    (Genre::Summary, 20),
    (Genre::Analysis, 16),
    (Genre::Notice, 15),
    (Genre::Plan, 12),
    (Genre::Bulletin, 6),
    (Genre::Monthly, 16),
    (Genre::Projects, 15),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    City,
    County,
    Zone,
}

/// Lines of 28 characters a gongwen page holds: the unit of the body's budget.
const PAGE_LINES: f64 = 22.0;
/// Cells of a gongwen line.
const LINE_CELLS: f64 = 28.0;

struct Gen {
    rng: Rng,
    genre: Genre,
    level: Level,
    city: String,
    /// "青阳县", or a district "云溪区".
    county: String,
    /// "江淮高新技术产业开发区".
    zone: String,
    /// "江淮高新区".
    zone_short: String,
    zone_word: &'static str,
    province: &'static str,
    year: i64,
    /// Months the period covers (12: the year); 0 for a report with no period.
    months: i64,
    /// How the period reads in text: "1—9月", "前三季度", "上半年", "全年".
    period_phrase: String,
    /// "—" in "1—9月", or the clerk's "至" or "-".
    dash: &'static str,
    topic: (&'static str, Area),
    /// Every figure masked as in a published draft ("**.*"), or only some indicators.
    mask_all: bool,
    mask_some: bool,
    /// Whether this clerk writes thousands separators ("12,345").
    thousands: bool,
    indicators: Vec<Indicator>,
    /// Phrases and headings already used in this report: reuse is avoided where a pool allows.
    used: HashSet<&'static str>,
    used_headings: HashSet<String>,
    /// Indicators the text has stated: others are preferred, as a text moves on to new figures.
    mentioned: HashSet<String>,
    districts: Vec<String>,
    deadline: String,
}

/// Width of text in grid cells: Han characters and full-width marks one, Latin letters and
/// digits half; a placeholder about as wide as the figure it prints.
fn cells(text: &str) -> f64 {
    let mut total = 0.0;
    let mut in_placeholder = false;
    for ch in text.chars() {
        match ch {
            '{' => {
                in_placeholder = true;
                total += 3.0;
            }
            '}' => in_placeholder = false,
            _ if in_placeholder => {}
            c if c.is_ascii() => total += 0.5,
            _ => total += 1.0,
        }
    }
    total
}

/// Lines a paragraph of this text takes, with its two-character indent.
fn para_lines(text: &str) -> f64 {
    ((cells(text) + 2.0) / LINE_CELLS).ceil()
}

const ORDINALS: &[&str] = &["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];

/// Digits as `*`: a masked figure keeps its shape ("12.6" → "**.*").
fn mask(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_digit() { '*' } else { c }).collect()
}

/// 12345.6 → "12,345.6".
fn with_separators(text: &str) -> String {
    let (int, frac) = text.split_once('.').map_or((text, None), |(i, f)| (i, Some(f)));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    let mut out = format!("{sign}{out}");
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// `value` with `decimals` decimals, as a person writes it.
fn fixed(value: f64, decimals: u32) -> String {
    format!("{value:.prec$}", prec = decimals as usize)
}

impl Gen {
    fn new(seed: u64, pages_max: Option<usize>) -> (Gen, usize) {
        let mut rng = Rng(seed);
        let genre = GENRES[rng.weighted(&GENRES.iter().map(|g| g.1).collect::<Vec<_>>())].0;
        let level = match genre {
            Genre::Bulletin => [Level::City, Level::City, Level::County][rng.below(3)],
            _ => [Level::City, Level::County, Level::Zone][rng.weighted(&[4, 3, 3])],
        };
        let mask_all = rng.chance(0.06);
        let city = if mask_all && rng.chance(0.5) { "**".to_owned() } else { rng.pick(CITIES).to_string() };
        let county = format!("{}{}", rng.pick(COUNTIES), ["县", "县", "区", "市"][rng.below(4)]);
        let (zone_full, zone_short, zone_word) = *rng.pick(ZONE_KINDS);
        let year = rng.range(2019, 2025);
        let months = match genre {
            Genre::Monthly => rng.range(2, 12),
            Genre::Analysis | Genre::Projects => [3, 6, 9, 11, 12][rng.below(5)],
            Genre::Summary => [12, 12, 12, 6, 11][rng.below(5)],
            Genre::Bulletin | Genre::Plan => 12,
            Genre::Notice => 0,
        };
        let dash = ["—", "—", "—", "—", "—", "—", "—", "—", "至", "-"][rng.below(10)];
        let topic = *rng.pick(TOPICS);
        let mut gen = Gen {
            genre,
            level,
            zone: format!("{city}{zone_full}"),
            zone_short: format!("{city}{zone_short}"),
            zone_word,
            city,
            county,
            province: PROVINCES[rng.below(PROVINCES.len())],
            year,
            months,
            period_phrase: String::new(),
            dash,
            topic,
            mask_all,
            mask_some: !mask_all && rng.chance(0.12),
            thousands: rng.chance(0.6),
            indicators: Vec::new(),
            used: HashSet::new(),
            used_headings: HashSet::new(),
            mentioned: HashSet::new(),
            districts: Vec::new(),
            deadline: String::new(),
            rng,
        };
        gen.period_phrase = gen.period_phrase_draw();
        gen.districts = gen.district_names();
        gen.deadline =
            format!("{}年{}月{}日", year + i64::from(months == 12), gen.rng.range(1, 12), gen.rng.range(1, 28));
        // Pages on the gongwen grid this report aims at: most 2–8, a few 20–40.
        let (spans, weights): (&[(i64, i64)], &[u32]) = match genre {
            Genre::Monthly => (&[(1, 1), (2, 2), (3, 4)], &[25, 40, 35]),
            Genre::Notice => (&[(1, 3), (4, 8), (9, 16)], &[50, 40, 10]),
            Genre::Summary => (&[(2, 8), (9, 16), (20, 36)], &[70, 20, 10]),
            Genre::Analysis => (&[(2, 6), (7, 12), (13, 22)], &[60, 30, 10]),
            Genre::Plan => (&[(2, 8), (9, 20)], &[75, 25]),
            Genre::Bulletin => (&[(8, 19), (20, 40)], &[45, 55]),
            Genre::Projects => (&[(2, 6), (7, 15), (20, 32)], &[50, 35, 15]),
        };
        let (lo, hi) = spans[gen.rng.weighted(weights)];
        let mut pages = gen.rng.range(lo, hi) as usize;
        if let Some(max) = pages_max {
            pages = pages.min(max.max(1));
        }
        (gen, pages)
    }

    // --- Places and names.

    /// The region the report is about, as its text names it.
    fn region(&self) -> String {
        match self.level {
            Level::City => format!("{}市", self.city),
            Level::County => self.county.clone(),
            Level::Zone => self.zone_short.clone(),
        }
    }

    /// The region as titles and document names often write it: a zone by its full name.
    fn formal_region(&mut self) -> String {
        match self.level {
            Level::Zone if self.rng.chance(0.6) => self.zone.clone(),
            _ => self.region(),
        }
    }

    /// The region as its own text refers to it: 全市, 全县, 全区.
    fn whole(&self) -> &'static str {
        match self.level {
            Level::City => "市",
            Level::County if self.county.ends_with('县') => "县",
            Level::County if self.county.ends_with('市') => "市",
            _ => "区",
        }
    }

    fn district_names(&mut self) -> Vec<String> {
        let mut names: Vec<String> = match self.level {
            Level::City => {
                let mut names: Vec<String> = COUNTIES
                    .iter()
                    .map(|c| format!("{c}{}", ["县", "区", "县", "市"][c.chars().count() % 4]))
                    .collect();
                names.push(format!("{}高新区", self.city));
                names.push(format!("{}经开区", self.city));
                names
            }
            Level::County => TOWNS.iter().map(|t| t.to_string()).collect(),
            Level::Zone => {
                ["科学城片区", "创新园区", "综合保税区", "北部产业园", "南部新城", "明湖片区", "云谷园区", "临港片区"]
                    .iter()
                    .map(|t| t.to_string())
                    .collect()
            }
        };
        self.rng.shuffle(&mut names);
        names
    }

    fn period_phrase_draw(&mut self) -> String {
        let d = self.dash;
        match self.months {
            0 => "今年以来".into(),
            12 => ["全年", "一年来", "今年以来", &format!("{}年", self.year)][self.rng.below(4)].to_owned(),
            3 => ["一季度", &format!("1{d}3月")][self.rng.below(2)].to_owned(),
            6 => ["上半年", &format!("1{d}6月"), "今年以来"][self.rng.below(3)].to_owned(),
            9 => ["前三季度", &format!("1{d}9月")][self.rng.below(2)].to_owned(),
            m => format!("1{d}{m}月"),
        }
    }

    /// The period as `meta.period` and titles write it: "2023年1—9月", "2023年上半年".
    fn period_label(&mut self) -> String {
        let (y, d, m) = (self.year, self.dash, self.months);
        match m {
            12 => format!("{y}年"),
            3 => [format!("{y}年一季度"), format!("{y}年1{d}3月")][self.rng.below(2)].clone(),
            6 => [format!("{y}年上半年"), format!("{y}年1{d}6月")][self.rng.below(2)].clone(),
            9 => [format!("{y}年前三季度"), format!("{y}年1{d}9月")][self.rng.below(2)].clone(),
            m => format!("{y}年1{d}{m}月"),
        }
    }

    fn enterprise(&mut self) -> String {
        let place = if self.rng.chance(0.6) { self.city.clone() } else { String::new() };
        format!("{place}{}{}{}", self.rng.pick(FIRM_BRANDS), self.rng.pick(FIRM_TRADES), self.rng.pick(FIRM_SUFFIXES))
    }

    fn department(&mut self) -> String {
        if self.level == Level::Zone {
            return self.rng.pick(ZONE_DEPARTMENTS).to_string();
        }
        let prefix = self.whole();
        format!("{prefix}{}", self.rng.pick(DEPARTMENTS))
    }

    fn url(&mut self) -> String {
        let host = *self.rng.pick(URL_HOSTS);
        let y = self.year;
        let m = self.rng.range(1, 12);
        let d = self.rng.range(1, 28);
        match self.rng.below(6) {
            0 => format!("https://{host}/zwgk/{y}/notice-{}.html", self.rng.range(1, 99)),
            1 => format!(
                "https://{host}/tjsj/tjgb/ndtjgb/{y}{m:02}/t{y}{m:02}{d:02}_{}.html",
                self.rng.range(1000000, 9999999)
            ),
            2 => {
                let hex: String = (0..32).map(|_| "0123456789abcdef".as_bytes()[self.rng.below(16)] as char).collect();
                format!("https://{host}/col/col{}/art/{y}/art_{hex}.html", self.rng.range(10000, 99999))
            }
            3 => format!("https://{host}/xxgk/zcwj/{y}/{m:02}/W0{y}{m:02}{d:02}{}.pdf", self.rng.range(100000, 999999)),
            4 => format!(
                "https://{host}/hdjl/myzj/index.html?id={}&type=notice&source=wechat&channel=zwgk",
                self.rng.range(100, 99999)
            ),
            _ => format!("https://{host}/"),
        }
    }

    fn email(&mut self) -> String {
        format!("{}@{}", self.rng.pick(MAIL_USERS), self.rng.pick(MAIL_HOSTS))
    }

    fn phone(&mut self) -> String {
        if self.rng.chance(0.75) {
            format!("0{}-{}", self.rng.range(510, 599), self.rng.range(60000000, 69999999))
        } else {
            format!("1{}{}", [3, 5, 8, 9][self.rng.below(4)], self.rng.range(100000000, 999999999))
        }
    }

    /// The name of a document a notice issues or cites, without its 《》.
    fn document_name(&mut self) -> String {
        let (topic, y) = (self.topic.0, self.year);
        let region = self.formal_region();
        match self.rng.below(5) {
            0 => format!("{region}{y}年{topic}工作要点"),
            1 if topic.contains("三年行动") => format!("{region}{topic}实施方案（{y}—{}年）", y + 2),
            1 => format!("{region}{topic}三年行动方案（{y}—{}年）", y + 2),
            2 => format!("{region}关于加快{topic}的若干措施"),
            3 => format!("{region}{y}年{topic}实施方案"),
            _ => format!("关于进一步做好{topic}工作的意见"),
        }
    }

    // --- Filling phrases.

    fn small(&mut self) -> i64 {
        match self.rng.weighted(&[60, 30, 10]) {
            0 => self.rng.range(2, 12),
            1 => self.rng.range(13, 60),
            _ => self.rng.range(61, 300),
        }
    }

    /// A figure as the text prints it: masked in a masked report.
    fn figure(&self, text: String) -> String {
        if self.mask_all {
            mask(&text)
        } else {
            text
        }
    }

    fn count_text(&mut self, value: i64) -> String {
        let text = value.to_string();
        self.figure(if self.thousands && value >= 1000 { with_separators(&text) } else { text })
    }

    /// Expands `<a|b>` alternatives and `$x` slots (see the phrase pools).
    fn expand(&mut self, template: &str) -> String {
        let mut out = String::new();
        let mut chars = template.chars();
        while let Some(c) = chars.next() {
            match c {
                '<' => {
                    let inner: String = chars.by_ref().take_while(|&c| c != '>').collect();
                    let choices: Vec<&str> = inner.split('|').collect();
                    let choice = choices[self.rng.below(choices.len())].to_owned();
                    let expanded = self.expand(&choice);
                    out.push_str(&expanded);
                }
                '$' => {
                    let slot = chars.next().unwrap_or('n');
                    let filled = self.slot(slot);
                    out.push_str(&filled);
                }
                c => out.push(c),
            }
        }
        out
    }

    fn slot(&mut self, slot: char) -> String {
        match slot {
            'n' => {
                let n = self.small();
                self.figure(n.to_string())
            }
            'N' => {
                let digits = self.rng.range(3, 5) as u32;
                let n = self.rng.range(10i64.pow(digits - 1), 10i64.pow(digits) - 1);
                self.count_text(n)
            }
            'p' => {
                let tenths = if self.rng.chance(0.75) { self.rng.range(1, 150) } else { self.rng.range(150, 400) };
                self.figure(fixed(tenths as f64 / 10.0, 1))
            }
            'a' => {
                let hundredths = self.rng.range(100, 99999);
                let decimals = if self.rng.chance(0.6) { 2 } else { 1 };
                self.figure(fixed(hundredths as f64 / 100.0, decimals))
            }
            'k' => {
                let n = self.rng.range(50, 99999);
                let text = if self.rng.chance(0.3) { format!("{n}.{}", self.rng.range(1, 9)) } else { n.to_string() };
                self.figure(if self.thousands && n >= 1000 { with_separators(&text) } else { text })
            }
            'r' => ORDINALS[self.rng.weighted(&[30, 20, 15, 10, 8, 6, 4, 3, 2, 2])].to_owned(),
            'Y' => self.year.to_string(),
            'B' => (self.year - 1).to_string(),
            'F' => (self.year + 1).to_string(),
            'm' => (if self.months == 0 { 12 } else { self.months }).to_string(),
            'R' => self.region(),
            'S' => format!("全{}", self.whole()),
            'C' => self.city.clone(),
            'T' => self.period_phrase.clone(),
            'D' => self.deadline.clone(),
            'G' => self.department(),
            'E' => self.enterprise(),
            'J' => {
                let form = *self.rng.pick(PROJECT_FORMS);
                self.expand(form)
            }
            'K' => self.districts[self.rng.below(self.districts.len())].clone(),
            'U' => self.url(),
            'M' => self.email(),
            'H' => self.phone(),
            'W' => self.rng.pick(PERSONS).to_string(),
            'V' => self.document_name(),
            'X' => self.topic.0.to_owned(),
            other => other.to_string(),
        }
    }

    /// A phrase from `pool`, preferring one this report has not used yet.
    fn fresh(&mut self, pool: &'static [&'static str]) -> &'static str {
        let mut pick = pool[self.rng.below(pool.len())];
        for _ in 0..8 {
            if !self.used.contains(pick) {
                break;
            }
            pick = pool[self.rng.below(pool.len())];
        }
        self.used.insert(pick);
        pick
    }

    fn clause(&mut self, area: Area) -> String {
        // Now and then a clause from a neighbouring subject, as real paragraphs wander; and
        // when the subject's clauses are spent, rather than repeat one so soon.
        let pool = area_text(area).clauses;
        let spent = pool.iter().all(|p| self.used.contains(p));
        let area = if self.rng.chance(if spent { 0.7 } else { 0.08 }) { *self.rng.pick(WORK_AREAS) } else { area };
        let phrase = self.fresh(area_text(area).clauses);
        self.expand(phrase)
    }

    // --- Indicators.

    /// The indicator made from `def`, created on first use; its id.
    fn indicator(&mut self, def: &Def) -> String {
        if self.indicators.iter().any(|i| i.id == def.id) {
            return def.id.to_owned();
        }
        let scale = 10f64.powi(def.decimals as i32);
        let raw = self.rng.range((def.lo * scale).round() as i64, (def.hi * scale).round() as i64);
        let value = raw as f64 / scale;
        let masked = self.mask_all || (self.mask_some && self.rng.chance(0.4));
        let value = if masked {
            Num::Text(mask(&fixed(value, def.decimals)))
        } else if def.decimals == 0 {
            if self.thousands && raw >= 10000 && self.rng.chance(0.3) {
                // Kept verbatim, as a clerk typed it.
                Num::Text(with_separators(&raw.to_string()))
            } else {
                Num::Int(raw)
            }
        } else {
            Num::Dec(value)
        };
        let comparison = def.change.map(|(lo, hi)| {
            let decimals = if def.kind == Kind::Share { 2 } else { 1 };
            let scale = 10f64.powi(decimals);
            let change = self.rng.range((lo * scale) as i64, (hi * scale) as i64) as f64 / scale;
            Comparison {
                basis: ["同比", "比上年", "比上年同期", "较上年"][self.rng.below(4)].to_owned(),
                change: if masked { Num::Text(mask(&fixed(change, decimals as u32))) } else { Num::Dec(change) },
                unit: Some(if def.kind == Kind::Share { "个百分点" } else { "%" }.to_owned()),
            }
        });
        let rank = (def.kind != Kind::Rank && self.rng.chance(0.22)).then(|| self.rng.pick(RANKS).to_string());
        let note = if self.rng.chance(0.14) {
            let fitting: Vec<&str> =
                NOTES.iter().filter(|n| n.1.is_none() || n.1 == Some(def.area)).map(|n| n.0).collect();
            let note = *self.rng.pick(&fitting);
            Some(self.expand(note))
        } else {
            None
        };
        self.indicators.push(Indicator {
            id: def.id.to_owned(),
            name: def.name.to_owned(),
            value: Some(value),
            unit: Some(def.unit.to_owned()),
            kind: def.kind.name(),
            comparison,
            rank,
            note,
        });
        def.id.to_owned()
    }

    /// Up to `n` indicators of an area (created as needed), in the pool's order.
    fn area_indicators(&mut self, area: Area, n: usize) -> Vec<String> {
        let defs: Vec<&Def> = DEFS.iter().filter(|d| d.area == area).collect();
        let start = self.rng.below(defs.len().max(1));
        let mut order: Vec<&Def> = (0..defs.len()).map(|k| defs[(start + k) % defs.len()]).collect();
        // Figures not yet stated first (a stable sort keeps the rotation otherwise).
        order.sort_by_key(|d| self.mentioned.contains(d.id));
        order.truncate(n);
        order.into_iter().map(|def| self.indicator(def)).collect()
    }

    /// Headline indicators of the whole economy, as lead paragraphs and main tables list them.
    fn headline_indicators(&mut self, n: usize) -> Vec<String> {
        let mut areas =
            vec![Area::Overall, Area::Industry, Area::Investment, Area::Consumption, Area::Trade, Area::Fiscal];
        if self.level == Level::Zone {
            areas.retain(|a| *a != Area::Overall);
            areas.extend([Area::Innovation, Area::Environment]);
        }
        let mut ids = Vec::new();
        let mut round = 0;
        while ids.len() < n && round < 4 {
            for &area in &areas {
                let defs: Vec<&Def> = DEFS.iter().filter(|d| d.area == area).collect();
                if let Some(def) = defs.get(round) {
                    let id = self.indicator(def);
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                if ids.len() == n {
                    break;
                }
            }
            round += 1;
        }
        ids
    }

    fn target(&mut self, k: usize) -> String {
        let Target { id, name, unit, range: (lo, hi, decimals), after } = TARGETS[k];
        if !self.indicators.iter().any(|i| i.id == id) {
            let scale = 10f64.powi(decimals as i32);
            let value = self.rng.range((lo * scale) as i64, (hi * scale) as i64) as f64 / scale;
            self.indicators.push(Indicator {
                id: id.to_owned(),
                name: name.to_owned(),
                value: Some(if decimals == 0 { Num::Int(value as i64) } else { Num::Dec(value) }),
                unit: Some(unit.to_owned()),
                kind: if TARGET_KIND { "target" } else { "other" },
                comparison: None,
                rank: None,
                note: Some(after.trim_start_matches('，').to_owned()),
            });
        }
        id.to_owned()
    }

    fn indicator_by_id(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// A clause stating an indicator through placeholders: "规模以上工业增加值增长{industrial_va}".
    fn indicator_phrase(&mut self, id: &str) -> String {
        let Some(ind) = self.indicator_by_id(id).cloned() else { return String::new() };
        self.mentioned.insert(id.to_owned());
        // Now and then the name comes from the indicator too.
        let name = if self.rng.chance(0.15) { format!("{{{id}.name}}") } else { ind.name.clone() };
        let negative = ind.value.as_ref().is_some_and(Num::negative);
        let mut text = match ind.kind {
            "target" | "other" if TARGETS.iter().any(|t| t.id == id) => {
                let after = TARGETS.iter().find(|t| t.id == id).map_or("", |t| t.after);
                let verb = ["力争", "确保", "预期"][self.rng.below(3)];
                if after.starts_with('，') {
                    format!("{verb}{name}达到{{{id}}}，{{{id}.note}}")
                } else {
                    format!("{verb}{name}{}{{{id}}}{{{id}.note}}", ["达到", "实现", "为"][self.rng.below(3)])
                }
            }
            // A fall reads as one: "增速为-2.1%", or the direction's word and the magnitude
            // ("同比下降2.1%"), never "增长-2.1%".
            "growth_rate" if negative => match self.rng.below(3) {
                0 => format!("{name}增速为{{{id}}}"),
                1 => format!("{name}同比{{{id}|增长/下降}}{{{id}|abs}}"),
                _ => format!("{name}{{{id}|增长/下降}}{{{id}|abs}}"),
            },
            "growth_rate" => {
                format!("{name}{}{{{id}}}", ["增长", "同比增长", "比上年增长", "增速达到"][self.rng.below(4)])
            }
            "total" => format!("{name}{}{{{id}}}", ["", "完成", "实现", "达到", "为"][self.rng.below(5)]),
            "count" => format!("{name}{}{{{id}}}", ["", "达到", "累计达到", "共"][self.rng.below(4)]),
            "share" => format!("{name}{}{{{id}}}", ["达到", "为", "提高到"][self.rng.below(3)]),
            "rank" => format!("{name}居全省第{{{id}.value}}位"),
            _ => format!("{name}为{{{id}}}"),
        };
        if let Some(comparison) = &ind.comparison {
            let basis = comparison.basis.clone();
            if comparison.change.negative() {
                let phrase = match self.rng.below(2) {
                    0 => format!("{{{id}.change|增长/下降}}{{{id}.change|abs}}"),
                    _ => format!("增速为{{{id}.change}}"),
                };
                text.push_str(&format!("，{basis}{phrase}"));
            } else {
                text.push_str(&format!("，{basis}{}{{{id}.change}}", ["增长", "提高", "增加"][self.rng.below(3)]));
            }
        }
        if ind.rank.is_some() && self.rng.chance(0.7) {
            text.push_str(&format!("，{}{{{id}.rank}}", ["居", "位居", "排名"][self.rng.below(3)]));
        }
        if ind.note.is_some() && self.rng.chance(0.2) {
            text.push_str(&format!("（{{{id}.note}}）"));
        }
        text
    }
}

// ---------------------------------------------------------------------------------------------
// Text: paragraphs, enumerations, headings.

/// Lines of a paragraph (1–12 lines of 28 characters), weighted as reports have them.
const PARAGRAPH_LINES: &[u32] = &[8, 12, 14, 14, 12, 10, 8, 6, 5, 4, 3, 4];

impl Gen {
    /// A sentence: one to three clauses, perhaps led by a connective or a figure.
    fn sentence(&mut self, area: Area, ids: &mut Vec<String>, first: bool) -> String {
        let mut parts = Vec::new();
        if !ids.is_empty() && self.rng.chance(0.45) {
            let id = ids.remove(0);
            parts.push(self.indicator_phrase(&id));
        }
        for _ in 0..self.rng.weighted(&[40, 45, 15]) + 1 - parts.len().min(1) {
            parts.push(self.clause(area));
        }
        let mut text = String::new();
        if !first && self.rng.chance(0.2) {
            let connective = *self.rng.pick(CONNECTIVES);
            text.push_str(&self.expand(connective));
        }
        let joiner = if self.rng.chance(0.2) { "；" } else { "，" };
        text.push_str(&parts.join(joiner));
        text.push('。');
        text
    }

    /// A paragraph of about `lines` lines about `area`, stating some of `area`'s figures.
    fn paragraph(&mut self, area: Area, lines: f64) -> String {
        let target = (lines * LINE_CELLS - 2.0 - self.rng.below(16) as f64).max(10.0);
        let mut ids = if self.genre != Genre::Notice && self.rng.chance(0.5) {
            let n = self.rng.range(1, 3) as usize;
            self.area_indicators(area, n)
        } else {
            Vec::new()
        };
        let mut text = String::new();
        let led = self.rng.chance(0.25);
        if led {
            text.push_str(&format!("{}，", self.period_phrase));
        }
        while cells(&text) < target {
            // After the period's lead, no connective: "1—9月，同时，……" reads wrong.
            let first = led && text.ends_with('，');
            let sentence = self.sentence(area, &mut ids, first);
            // A short paragraph stays short: stop before a sentence would make it twice as long.
            let longer = cells(&text) + cells(&sentence);
            if !text.is_empty() && (longer > target * 1.6 + 20.0 || longer > 12.0 * LINE_CELLS - 2.0) {
                break;
            }
            text.push_str(&sentence);
        }
        if self.genre == Genre::Plan && self.rng.chance(0.35) {
            let lead = self.department();
            let mut with: Vec<String> = (0..self.rng.range(1, 4)).map(|_| self.department()).collect();
            with.dedup();
            text.push_str(&format!("（牵头单位：{lead}；配合单位：{}）", with.join("、")));
        }
        text
    }

    fn paragraph_lines(&mut self, left: f64) -> f64 {
        let lines = (self.rng.weighted(PARAGRAPH_LINES) + 1) as f64;
        lines.min(left.max(1.0))
    }

    /// "一是……；二是……；三是……。", or (1)…, or ①….
    fn enumeration(&mut self, area: Area) -> String {
        let lead = *self.rng.pick(ENUM_LEADS);
        let mut text = self.expand(lead);
        let items = self.rng.weighted(&[25, 35, 20, 12, 8]) + 2;
        let style = self.rng.weighted(&[70, 15, 15]);
        for i in 0..items {
            let mut item = self.clause(area);
            if self.rng.chance(0.3) {
                item.push('，');
                item.push_str(&self.clause(area));
            }
            match style {
                0 => text.push_str(&format!("{}是{item}", ORDINALS[i])),
                1 => text.push_str(&format!("（{}）{item}", i + 1)),
                _ => text.push_str(&format!("{}{item}", ['①', '②', '③', '④', '⑤', '⑥'][i])),
            }
            text.push(if i + 1 == items { '。' } else { '；' });
        }
        text
    }

    /// A heading about `area` at `depth` (0 the area's own heading, 1 a subsection, …).
    fn heading(&mut self, area: Area, depth: usize) -> String {
        let texts = area_text(area);
        let pool = match depth {
            0 => texts.l1,
            1 => texts.l2,
            2 => texts.l3,
            _ => L4_HEADINGS,
        };
        // Statistics texts put the figure in the heading: "规模以上工业增加值增长6.5%".
        if depth == 1
            && matches!(self.genre, Genre::Analysis | Genre::Bulletin | Genre::Monthly)
            && self.rng.chance(0.25)
        {
            if let Some(id) = self.area_indicators(area, 1).pop() {
                let phrase = self.indicator_phrase(&id);
                let short: String = phrase.split('，').next().unwrap_or(&phrase).to_owned();
                if self.used_headings.insert(short.clone()) {
                    return short;
                }
            }
        }
        for _ in 0..12 {
            let template = pool[self.rng.below(pool.len())];
            let heading = self.expand(template);
            if self.used_headings.insert(heading.clone()) {
                return heading;
            }
        }
        // The pool is spent: a measure from the generic pool, numbered apart.
        let base = *self.rng.pick(L4_HEADINGS);
        let mut n = 2;
        while !self.used_headings.insert(format!("{base}（{n}）")) {
            n += 1;
        }
        format!("{base}（{n}）")
    }

    /// A section about `area` at section `level` (1–4) with `budget` lines of content.
    fn section(&mut self, area: Area, depth: usize, level: usize, budget: f64) -> Block {
        let heading = self.heading(area, depth);
        let content = self.fill(area, depth + 1, level + 1, budget - para_lines(&heading));
        Block::Section { heading, content }
    }

    /// A section with this heading.
    fn titled(&mut self, heading: String, area: Area, level: usize, budget: f64) -> Block {
        self.used_headings.insert(heading.clone());
        let content = self.fill(area, 1, level + 1, budget - para_lines(&heading));
        Block::Section { heading, content }
    }

    /// Content of about `budget` lines: subsections at `level` (when the budget allows and
    /// the depth does), or paragraphs with the odd table and chart.
    fn fill(&mut self, area: Area, depth: usize, level: usize, budget: f64) -> Vec<Block> {
        let mut out = Vec::new();
        let mut left = budget.max(1.0);
        let nest = match left {
            _ if level > 4 => 0.0,
            l if l > 60.0 => 0.9,
            l if l > 30.0 => 0.6,
            l if l > 14.0 => 0.3,
            _ => 0.0,
        };
        if self.rng.chance(nest) {
            if self.rng.chance(0.5) {
                let lines = self.paragraph_lines(4.0);
                let text = self.paragraph(area, lines);
                left -= para_lines(&text);
                out.push(Block::Paragraph { paragraph: text });
            }
            let k = ((left / self.rng.range(8, 24) as f64).round() as usize).clamp(2, 7);
            let weights: Vec<f64> = (0..k).map(|_| 1.0 + self.rng.below(3) as f64).collect();
            let total: f64 = weights.iter().sum();
            for w in weights {
                out.push(self.section(area, depth, level, left * w / total));
            }
            return out;
        }
        while left > 0.8 {
            let roll = self.rng.below(100);
            let (table_rate, chart_rate) = match self.genre {
                Genre::Bulletin | Genre::Monthly => (14, 6),
                Genre::Analysis => (10, 6),
                Genre::Projects => (8, 2),
                _ => (5, 2),
            };
            let block = if left >= 7.0 && roll < table_rate && self.genre == Genre::Notice {
                // A notice tabulates tasks, contacts or units to inspect, not figures.
                let rows = self.rng.range(2, (left / 1.5).clamp(2.0, 12.0) as i64) as usize;
                match self.rng.below(3) {
                    0 => self.task_table(rows),
                    1 => self.contact_table(rows),
                    _ => self.inspection_table(rows),
                }
            } else if left >= 7.0 && roll < table_rate {
                self.some_table(area, left)
            } else if left >= 12.0 && roll < table_rate + chart_rate {
                self.some_chart(area)
            } else if roll < table_rate + chart_rate + 12 {
                Block::Paragraph { paragraph: self.enumeration(area) }
            } else {
                let lines = self.paragraph_lines(left);
                Block::Paragraph { paragraph: self.paragraph(area, lines) }
            };
            left -= block_lines(&block);
            out.push(block);
        }
        out
    }
}

/// The longest paragraph, in lines of 28 characters.
const MAX_PARAGRAPH_LINES: f64 = 12.0;

/// Cuts a paragraph longer than [`MAX_PARAGRAPH_LINES`] back to the last sentence or item
/// (。 or ；, outside brackets and quotes) that ends within the limit.
fn cap_paragraph(text: &mut String) {
    while para_lines(text) > MAX_PARAGRAPH_LINES {
        let mut depth = 0i32;
        let mut cut = None;
        let body = text.trim_end_matches('。');
        for (at, ch) in body.char_indices() {
            match ch {
                '（' | '“' | '《' | '{' => depth += 1,
                '）' | '”' | '》' | '}' => depth -= 1,
                '。' | '；' if depth == 0 => cut = Some(at),
                _ => {}
            }
        }
        let Some(at) = cut else { return };
        text.truncate(at);
        text.push('。');
    }
}

/// Caps every paragraph of `blocks`, sections included.
fn cap_paragraphs(blocks: &mut [Block]) {
    for block in blocks {
        match block {
            Block::Paragraph { paragraph } => cap_paragraph(paragraph),
            Block::Section { content, .. } => cap_paragraphs(content),
            _ => {}
        }
    }
}

/// Lines a block takes on the gongwen grid, roughly: enough to aim a report at a page count.
fn block_lines(block: &Block) -> f64 {
    match block {
        Block::Paragraph { paragraph } => para_lines(paragraph),
        Block::Section { heading, content } => para_lines(heading) + content.iter().map(block_lines).sum::<f64>(),
        Block::IndicatorTable { indicator_table } => 2.5 + indicator_table.indicators.len() as f64 * 0.9,
        Block::Table { table } => table_lines(table),
        Block::Chart { .. } => 11.0,
        Block::PageBreak { .. } => 6.0,
    }
}

/// A table's height in grid lines: each row as tall as its most wrapped cell, on columns
/// sharing the 32 cells of 四号 a gongwen line holds (less their padding), each as wide as
/// its content allows. Rows of 四号 with their padding are about a grid line per text line.
fn table_lines(table: &Table) -> f64 {
    let columns = table.header.len();
    let mut natural = vec![2.0f64; columns];
    for (c, h) in table.header.iter().enumerate() {
        natural[c] = natural[c].max(cells(h).min(6.0));
    }
    for row in &table.rows {
        for (c, cell) in row.iter().enumerate().take(columns) {
            if let Cell::Text(t) = cell {
                natural[c] = natural[c].max(cells(t).min(10.0));
            }
        }
    }
    let room = 32.0 - 0.7 * columns as f64;
    let total: f64 = natural.iter().sum();
    let widths: Vec<f64> = natural.iter().map(|w| (w * room / total.max(room)).max(2.0)).collect();
    let mut lines = 2.5 + table.header.iter().zip(&widths).map(|(h, w)| (cells(h) / w).ceil()).fold(1.0, f64::max);
    for row in &table.rows {
        let tallest = row
            .iter()
            .zip(&widths)
            .map(|(cell, w)| {
                let text = match cell {
                    Cell::Text(t) => t.as_str(),
                    Cell::Span(s) => s.text.as_str(),
                };
                (cells(text) / w).ceil().max(1.0)
            })
            .fold(1.0, f64::max);
        lines += tallest * 0.7 + 0.3;
    }
    lines
}

// ---------------------------------------------------------------------------------------------
// Tables and charts.

/// Columns of indicator tables when the block chooses them (else the template's).
const INDICATOR_COLUMNS: &[&[&str]] = &[
    &["name", "value", "change"],
    &["name", "unit", "value", "change", "rank"],
    &["name", "value", "change", "note"],
    &["name", "unit", "value", "note"],
    &["name", "value", "rank"],
    &["name", "unit", "value", "change", "rank", "note"],
    &["name", "unit", "value"],
];

fn area_caption(area: Area) -> &'static str {
    match area {
        Area::Overall => "主要经济指标",
        Area::Industry => "规模以上工业主要指标",
        Area::Investment => "固定资产投资主要指标",
        Area::Consumption => "消费品市场主要指标",
        Area::Trade => "对外经济主要指标",
        Area::Innovation => "科技创新主要指标",
        Area::Environment => "营商环境主要指标",
        Area::Livelihood => "民生保障主要指标",
        Area::Rural => "主要农产品产量及其增长速度",
        Area::Ecology => "生态环境主要指标",
        Area::Safety => "安全生产主要指标",
        Area::Fiscal => "财政金融主要指标",
        Area::Urban => "城乡建设主要指标",
        Area::Statistics => "统计工作主要指标",
        Area::Party => "机关建设主要指标",
        Area::Digital => "数字经济主要指标",
        Area::Problems | Area::Plans | Area::Requirements => "主要指标完成情况",
    }
}

impl Gen {
    fn caption(&mut self, base: &str) -> String {
        match self.rng.below(4) {
            0 if self.months == 0 => format!("{}年{base}", self.year),
            0 => format!(
                "{}年{}{base}",
                self.year,
                if self.months == 12 { String::new() } else { self.period_phrase.clone() }
            ),
            1 => format!("{}{base}", self.region()),
            _ => base.to_owned(),
        }
    }

    /// An indicator table of `ids`, its columns chosen now and then.
    fn indicator_table(&mut self, caption: String, ids: Vec<String>) -> Block {
        let columns = self.rng.chance(0.35).then(|| self.rng.pick(INDICATOR_COLUMNS).to_vec());
        Block::IndicatorTable { indicator_table: IndicatorTable { caption, indicators: ids, columns } }
    }

    fn area_indicator_table(&mut self, area: Area) -> Block {
        let n = self.rng.range(3, 8) as usize;
        let mut ids = self.area_indicators(area, n);
        if ids.len() < 3 {
            let n = 3 + self.rng.below(6);
            let more = self.headline_indicators(n);
            ids.extend(more.into_iter().filter(|id| !ids.contains(id)).collect::<Vec<_>>());
        }
        let caption = self.caption(area_caption(area));
        self.indicator_table(caption, ids)
    }

    /// A table that fits the area and the genre, of at most about `left` lines.
    fn some_table(&mut self, area: Area, left: f64) -> Block {
        let rows = |gen: &mut Gen, most: f64| -> usize {
            let cap = (most / 1.2).max(2.0) as i64;
            gen.rng.range(2, cap.clamp(2, 14)) as usize
        };
        match (area, self.rng.below(4)) {
            (Area::Industry, 0 | 1) => {
                let n = rows(self, left).max(3);
                self.sector_table(n)
            }
            (Area::Investment, 0 | 1) => {
                let n = rows(self, left);
                self.project_table(n)
            }
            (Area::Statistics | Area::Requirements, 0) => {
                let n = rows(self, left);
                self.inspection_table(n)
            }
            (Area::Requirements, 1) => {
                let n = rows(self, left);
                self.contact_table(n)
            }
            (Area::Plans | Area::Requirements, _) => {
                let n = rows(self, left);
                self.task_table(n)
            }
            (Area::Environment | Area::Innovation | Area::Digital, 0) => {
                let n = rows(self, left);
                self.firm_table(n)
            }
            (Area::Fiscal | Area::Livelihood, 0) => {
                let n = rows(self, left);
                self.funds_table(n)
            }
            (_, 0) if self.genre != Genre::Notice => {
                let n = rows(self, left).max(3);
                self.district_table(n)
            }
            (_, 1) if matches!(self.genre, Genre::Monthly | Genre::Analysis | Genre::Bulletin) => {
                let n = rows(self, left).max(3);
                self.monthly_table(n)
            }
            _ => self.area_indicator_table(area),
        }
    }

    /// A bar chart: sectors' growth, figures' changes, districts or months.
    fn some_chart(&mut self, area: Area) -> Block {
        let n = self.rng.range(3, 12) as usize;
        match (area, self.rng.below(4)) {
            (Area::Industry, _) | (_, 0) => self.sector_chart(n),
            (_, 1) => self.change_chart(area, n),
            (_, 2) => self.district_chart(n),
            _ => self.month_chart(n),
        }
    }

    /// Indicators of industrial sectors: growth of value added (often negative), or revenue
    /// with its change.
    fn sector_indicators(&mut self, n: usize, revenue: bool) -> Vec<String> {
        let start = self.rng.below(SECTORS.len());
        let mut ids = Vec::new();
        for k in 0..n.min(SECTORS.len()) {
            let s = (start + k) % SECTORS.len();
            let id = format!("sector_{s}{}", if revenue { "_revenue" } else { "" });
            if !self.indicators.iter().any(|i| i.id == id) {
                let masked = self.mask_all || (self.mask_some && self.rng.chance(0.3));
                let (value, unit, kind, comparison) = if revenue {
                    let v = self.rng.range(500, 90000) as f64 / 100.0;
                    let c = self.rng.range(-250, 350) as f64 / 10.0;
                    let change = if masked { Num::Text(mask(&fixed(c, 1))) } else { Num::Dec(c) };
                    let comparison = Comparison { basis: "同比".into(), change, unit: Some("%".into()) };
                    (v, "亿元", "total", Some(comparison))
                } else {
                    (self.rng.range(-150, 350) as f64 / 10.0, "%", "growth_rate", None)
                };
                let decimals = if revenue { 2 } else { 1 };
                self.indicators.push(Indicator {
                    id: id.clone(),
                    name: SECTORS[s].to_owned(),
                    value: Some(if masked { Num::Text(mask(&fixed(value, decimals))) } else { Num::Dec(value) }),
                    unit: Some(unit.into()),
                    kind,
                    comparison,
                    rank: None,
                    note: None,
                });
            }
            ids.push(id);
        }
        ids
    }

    fn sector_chart(&mut self, n: usize) -> Block {
        let revenue = self.rng.chance(0.35);
        let ids = self.sector_indicators(n, revenue);
        let (caption, series) = if revenue {
            if self.rng.chance(0.5) {
                ("规模以上工业分行业营业收入增速（%）", Some("change"))
            } else {
                ("规模以上工业分行业营业收入（亿元）", None)
            }
        } else {
            ("规模以上工业分行业增加值增速（%）", None)
        };
        let caption = self.caption(caption);
        Block::Chart { chart: Chart { caption, indicators: ids, series } }
    }

    fn change_chart(&mut self, area: Area, n: usize) -> Block {
        let mut ids: Vec<String> = Vec::new();
        let mut areas = vec![area];
        areas.extend(ECONOMY_AREAS);
        for a in areas {
            for def in DEFS.iter().filter(|d| d.area == a && d.change.is_some()) {
                if ids.len() < n && !ids.iter().any(|i| i == def.id) {
                    let id = self.indicator(def);
                    ids.push(id);
                }
            }
        }
        let caption = self.caption("主要指标增速（%）");
        Block::Chart { chart: Chart { caption, indicators: ids, series: Some("change") } }
    }

    fn district_chart(&mut self, n: usize) -> Block {
        let n = n.min(self.districts.len());
        let measure = ["地区生产总值", "规上工业增加值", "固定资产投资", "一般公共预算收入"][self.rng.below(4)];
        let growth = self.rng.chance(0.5);
        let mut ids = Vec::new();
        for k in 0..n {
            let id = format!("district_{k}_{}", if growth { "growth" } else { "value" });
            if !self.indicators.iter().any(|i| i.id == id) {
                let masked = self.mask_all;
                let (value, unit, kind) = if growth {
                    (self.rng.range(-80, 160) as f64 / 10.0, "%", "growth_rate")
                } else {
                    (self.rng.range(1000, 90000) as f64 / 100.0, "亿元", "total")
                };
                let name = if self.rng.chance(0.5) {
                    format!("{}{measure}", self.districts[k])
                } else {
                    self.districts[k].clone()
                };
                self.indicators.push(Indicator {
                    id: id.clone(),
                    name,
                    value: Some(if masked { Num::Text(mask(&fixed(value, 1))) } else { Num::Dec(value) }),
                    unit: Some(unit.into()),
                    kind,
                    comparison: None,
                    rank: None,
                    note: None,
                });
            }
            ids.push(id);
        }
        let caption = format!("各{}{measure}{}", self.district_word(), if growth { "增速（%）" } else { "（亿元）" });
        Block::Chart { chart: Chart { caption, indicators: ids, series: None } }
    }

    fn district_word(&self) -> &'static str {
        match self.level {
            Level::City => "县（市、区）",
            Level::County => "乡镇（街道）",
            Level::Zone => "园区（片区）",
        }
    }

    fn month_chart(&mut self, n: usize) -> Block {
        let last = self.months.clamp(3, 12) as usize;
        let first = last.saturating_sub(n).max(1) + 1;
        let what = ["规模以上工业增加值", "固定资产投资", "社会消费品零售总额"][self.rng.below(3)];
        let mut ids = Vec::new();
        for m in first..=last {
            let id = format!("month_{m}");
            if !self.indicators.iter().any(|i| i.id == id) {
                let value = self.rng.range(-60, 180) as f64 / 10.0;
                self.indicators.push(Indicator {
                    id: id.clone(),
                    name: format!("1{}{m}月", self.dash),
                    value: Some(if self.mask_all { Num::Text(mask(&fixed(value, 1))) } else { Num::Dec(value) }),
                    unit: Some("%".into()),
                    kind: "growth_rate",
                    comparison: None,
                    rank: None,
                    note: None,
                });
            }
            ids.push(id);
        }
        let caption = format!("{}年{what}累计增速走势（%）", self.year);
        Block::Chart { chart: Chart { caption, indicators: ids, series: None } }
    }

    // --- Free tables. Figures are drawn consistent with each other (totals add up).

    fn amount(&mut self, lo: i64, hi: i64, decimals: u32) -> (f64, String) {
        let scale = 10f64.powi(decimals as i32);
        let v = self.rng.range(lo * scale as i64, hi * scale as i64) as f64 / scale;
        (v, self.num_cell(v, decimals))
    }

    /// A figure of one decimal drawn from `lo..=hi` tenths, for a table cell.
    fn tenths(&mut self, lo: i64, hi: i64) -> String {
        let v = self.rng.range(lo, hi) as f64 / 10.0;
        self.num_cell(v, 1)
    }

    /// A figure for a table cell: separators as the clerk writes them, masked when masked.
    fn num_cell(&self, v: f64, decimals: u32) -> String {
        let text = fixed(v, decimals);
        let text = if self.thousands && v.abs() >= 1000.0 { with_separators(&text) } else { text };
        self.figure(text)
    }

    fn rank_cell(&mut self, k: usize) -> String {
        match self.rng.below(3) {
            0 => (k + 1).to_string(),
            1 => format!("第{}", ORDINALS[k.min(11)]),
            _ => format!("全{}第{}", self.whole(), ORDINALS[k.min(11)]),
        }
    }

    /// Keeps `n` of the columns (the first always), in their order.
    fn choose_columns(&mut self, all: usize, keep_first: usize, n: usize) -> Vec<usize> {
        let mut optional: Vec<usize> = (keep_first..all).collect();
        self.rng.shuffle(&mut optional);
        optional.truncate(n.saturating_sub(keep_first));
        let mut chosen: Vec<usize> = (0..keep_first).chain(optional).collect();
        chosen.sort_unstable();
        chosen
    }

    fn align_for(&mut self, numeric: &[bool]) -> Option<Vec<&'static str>> {
        self.rng.chance(0.3).then(|| {
            numeric
                .iter()
                .enumerate()
                .map(|(c, &n)| match (n, c) {
                    (true, _) => ["decimal", "right", "center"][self.rng.weighted(&[6, 3, 1])],
                    (false, 0) => "center",
                    _ => ["left", "center"][self.rng.below(2)],
                })
                .collect()
        })
    }

    /// Key projects: grouped by category (a spanning group row, or a category column whose
    /// cells span rows), totals in a last row whose label spans columns.
    fn project_table(&mut self, rows: usize) -> Block {
        let m = self.months.clamp(1, 12);
        let done = if m == 12 {
            "全年完成投资（亿元）".to_owned()
        } else {
            format!("1{}{m}月完成投资（亿元）", self.dash)
        };
        let all: Vec<String> = vec![
            "序号".into(),
            "项目名称".into(),
            "建设内容及规模".into(),
            "总投资（亿元）".into(),
            "年度计划投资（亿元）".into(),
            done,
            "完成率（%）".into(),
            "形象进度".into(),
            "责任单位".into(),
        ];
        let categories = ["产业项目", "基础设施项目", "社会民生项目", "生态环保项目", "城市更新项目"];
        let groups = if rows >= 6 { self.rng.range(1, 4) as usize } else { 1 };
        // How groups show: 0 a row spanning the table, 1 a category column spanning the
        // group's rows, 2 not at all.
        let group_style = if groups > 1 { self.rng.below(3) } else { 2 };
        // 4–9 columns in all, the category column included.
        let n_cols = self.rng.range(4, 9) as usize - usize::from(group_style == 1);
        let mut cols = self.choose_columns(all.len(), 2, n_cols);
        if !cols.contains(&3) {
            // Every project table states the total investment.
            cols.pop();
            cols.push(3);
            cols.sort_unstable();
        }
        let mut header: Vec<String> = cols.iter().map(|&c| all[c].clone()).collect();
        if group_style == 1 {
            header.insert(1, "类别".into());
        }
        let width = header.len();
        let mut body: Vec<Vec<Cell>> = Vec::new();
        let mut totals = [0.0f64; 3];
        let mut number = 0;
        for g in 0..groups {
            let in_group = if g + 1 == groups { rows - rows / groups * (groups - 1) } else { rows / groups };
            if group_style == 0 {
                let label = format!("{}、{}（{}个）", ORDINALS[g], categories[g % categories.len()], in_group);
                body.push(vec![span_cell(label, width, 1, self.rng.chance(0.3).then_some("left"))]);
            }
            for r in 0..in_group {
                number += 1;
                let total = self.amount(1, 120, 2);
                let plan_v = total.0 * self.rng.range(15, 60) as f64 / 100.0;
                let done_v = plan_v * self.rng.range(20, 130) as f64 / 100.0;
                let mut row: Vec<Cell> = Vec::new();
                for &c in &cols {
                    let text = match c {
                        0 => number.to_string(),
                        1 => self.slot('J'),
                        2 => {
                            let clause = self.fresh(CONSTRUCTION);
                            let clause = self.expand(clause);
                            let area = self.rng.range(5000, 400000);
                            let what = format!("总建筑面积{}平方米，", self.count_text(area));
                            if self.rng.chance(0.5) {
                                format!("{what}{clause}")
                            } else {
                                what.trim_end_matches('，').to_owned()
                            }
                        }
                        3 => {
                            totals[0] += total.0;
                            total.1.clone()
                        }
                        4 => {
                            totals[1] += plan_v;
                            self.num_cell(plan_v, 2)
                        }
                        5 => {
                            totals[2] += done_v;
                            self.num_cell(done_v, 2)
                        }
                        6 => self.num_cell(done_v / plan_v * 100.0, 1),
                        7 => [
                            "主体完工",
                            "设备安装",
                            "基础施工",
                            "前期手续办理中",
                            "已竣工投产",
                            "土地摘牌，正在开展施工图设计",
                            "部分投产",
                        ][self.rng.below(7)]
                        .to_owned(),
                        _ => {
                            let lead = self.department();
                            if self.rng.chance(0.4) {
                                format!("{lead}、{}", self.department())
                            } else {
                                lead
                            }
                        }
                    };
                    row.push(text_cell(text));
                }
                if group_style == 1 && r == 0 {
                    row.insert(1, span_cell(categories[g % categories.len()], 1, in_group, Some("center")));
                }
                body.push(row);
            }
        }
        if rows >= 3 && self.rng.chance(0.7) {
            // The total row: "合计" spans the columns before the first figure.
            let first_figure = cols.iter().position(|&c| c >= 3).unwrap_or(1) + usize::from(group_style == 1);
            let mut row = vec![span_cell("合计", first_figure, 1, Some("center"))];
            for &c in cols.iter().filter(|&&c| c >= 3) {
                row.push(text_cell(match c {
                    3 => self.num_cell(totals[0], 2),
                    4 => self.num_cell(totals[1], 2),
                    5 => self.num_cell(totals[2], 2),
                    6 => self.num_cell(totals[2] / totals[1].max(0.01) * 100.0, 1),
                    _ => String::new(),
                }));
            }
            body.push(row);
        }
        let numeric: Vec<bool> = header.iter().map(|h| h.contains("亿元") || h.contains('%')).collect();
        let align = self.align_for(&numeric);
        let caption = self.caption("重点项目建设进展情况");
        Block::Table { table: Table { caption: Some(caption), header, rows: body, align } }
    }

    /// Districts' figures, the whole region first; a rank column; negative growth.
    fn district_table(&mut self, rows: usize) -> Block {
        let all = [
            "地区",
            "地区生产总值（亿元）",
            "增速（%）",
            "位次",
            "规上工业增加值增速（%）",
            "固定资产投资增速（%）",
            "社会消费品零售总额（亿元）",
            "增速（%）",
            "一般公共预算收入（亿元）",
        ];
        let n_cols = self.rng.range(3, 9) as usize;
        let cols = self.choose_columns(all.len(), 2, n_cols);
        let header: Vec<String> = cols.iter().map(|&c| all[c].to_owned()).collect();
        let rows = rows.min(self.districts.len() + 1);
        let mut body = Vec::new();
        // Ranks follow the growth column.
        let mut growth: Vec<(usize, f64)> = (0..rows).map(|k| (k, self.rng.range(-60, 150) as f64 / 10.0)).collect();
        growth.sort_by(|a, b| b.1.total_cmp(&a.1));
        let mut ranks = vec![0; rows];
        for (place, (k, _)) in growth.iter().enumerate() {
            ranks[*k] = place;
        }
        let growth_of = |k: usize| growth.iter().find(|g| g.0 == k).map_or(0.0, |g| g.1);
        for (k, &rank) in ranks.iter().enumerate() {
            let mut row = Vec::new();
            for &c in &cols {
                let text = match c {
                    0 if k == 0 => format!("全{}", self.whole()),
                    0 => self.districts[k - 1].clone(),
                    2 => self.num_cell(growth_of(k), 1),
                    3 if k == 0 => "—".to_owned(),
                    3 => self.rank_cell(rank),
                    1 | 6 | 8 => self.amount(5, if k == 0 { 5000 } else { 900 }, 2).1,
                    _ => self.tenths(-200, 250),
                };
                row.push(text_cell(text));
            }
            body.push(row);
        }
        let numeric: Vec<bool> = cols.iter().map(|&c| c != 0 && c != 3).collect();
        let align = self.align_for(&numeric);
        let caption = format!("{}年{}各{}主要经济指标", self.year, self.period_phrase, self.district_word());
        Block::Table { table: Table { caption: Some(caption), header, rows: body, align } }
    }

    /// Task assignments (任务分工): long text cells, a task spanning the rows of its measures.
    fn task_table(&mut self, rows: usize) -> Block {
        let all = ["序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"];
        let n_cols = self.rng.range(4, 6) as usize;
        let cols = self.choose_columns(all.len(), 3, n_cols);
        let header: Vec<String> = cols.iter().map(|&c| all[c].to_owned()).collect();
        let mut body = Vec::new();
        let mut r = 0;
        let mut task = 0;
        while r < rows {
            task += 1;
            let measures = (self.rng.weighted(&[50, 30, 20]) + 1).min(rows - r);
            let area = *self.rng.pick(WORK_AREAS);
            let task_name = self.heading(area, 1);
            for m in 0..measures {
                let mut row = Vec::new();
                for &c in &cols {
                    match c {
                        0 if m == 0 => row.push(span_cell(task.to_string(), 1, measures, None)),
                        1 if m == 0 => row.push(span_cell(task_name.clone(), 1, measures, None)),
                        0 | 1 => {}
                        2 => {
                            let mut text = self.clause(area);
                            if self.rng.chance(0.5) {
                                text.push('，');
                                text.push_str(&self.clause(area));
                            }
                            text.push('。');
                            row.push(text_cell(text));
                        }
                        3 => row.push(text_cell(self.department())),
                        4 => {
                            let k = self.rng.range(1, 4);
                            let with: Vec<String> = (0..k).map(|_| self.department()).collect();
                            row.push(text_cell(with.join("、")));
                        }
                        _ => row.push(text_cell(match self.rng.below(4) {
                            0 => "长期坚持".to_owned(),
                            1 => format!("{}年底前", self.year),
                            2 => format!("{}年{}月底前", self.year, self.rng.range(3, 12)),
                            _ => "持续推进".to_owned(),
                        })),
                    }
                }
                // A measure row of a one-row task is a plain row: spans of 1 are written plainly.
                let row = row
                    .into_iter()
                    .map(|cell| match cell {
                        Cell::Span(s) if s.colspan == 1 && s.rowspan == 1 && s.align.is_none() => Cell::Text(s.text),
                        other => other,
                    })
                    .collect();
                body.push(row);
            }
            r += measures;
        }
        let caption = self.rng.chance(0.7).then(|| format!("{}年{}重点任务分工", self.year, self.topic.0));
        Block::Table { table: Table { caption, header, rows: body, align: None } }
    }

    /// Enterprises and their figures: long names, figures with separators and units in cells.
    fn firm_table(&mut self, rows: usize) -> Block {
        let all =
            ["序号", "企业名称", "所属行业", "营业收入（万元）", "增速（%）", "纳税额", "研发投入占比（%）", "备注"];
        let n_cols = self.rng.range(4, 8) as usize;
        let cols = self.choose_columns(all.len(), 2, n_cols);
        let header: Vec<String> = cols.iter().map(|&c| all[c].to_owned()).collect();
        let mut body = Vec::new();
        for k in 0..rows {
            let mut row = Vec::new();
            for &c in &cols {
                let text = match c {
                    0 => (k + 1).to_string(),
                    1 => self.enterprise(),
                    2 => SECTORS[self.rng.below(SECTORS.len())].to_owned(),
                    3 => self.amount(800, 900000, 1).1,
                    4 => self.tenths(-300, 600),
                    // Units in the cells rather than the header, as many tables have them.
                    5 => format!("{}万元", self.amount(10, 50000, 1).1),
                    6 => self.tenths(5, 150),
                    _ => ["", "", "国家级专精特新“小巨人”", "新入库", "上市后备企业", "含子公司数据", "高新技术企业"]
                        [self.rng.below(7)]
                    .to_owned(),
                };
                row.push(text_cell(text));
            }
            body.push(row);
        }
        let caption = format!("{}重点企业主要经营指标", self.region());
        Block::Table { table: Table { caption: Some(caption), header, rows: body, align: None } }
    }

    /// Units to inspect: 18-character credit codes, long names.
    fn inspection_table(&mut self, rows: usize) -> Block {
        const CODE: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
        let header: Vec<String> =
            ["序号", "单位名称", "统一社会信用代码", "检查事项", "检查时间"].map(String::from).to_vec();
        let mut body = Vec::new();
        for k in 0..rows {
            let code: String = (0..10).map(|_| CODE[self.rng.below(CODE.len())] as char).collect();
            body.push(vec![
                text_cell((k + 1).to_string()),
                text_cell(self.enterprise()),
                text_cell(format!("91{}{code}", self.rng.range(110000, 659999))),
                text_cell(
                    ["统计数据质量", "统计台账建立情况", "原始记录和统计台账", "“四上”企业入库资料"][self.rng.below(4)],
                ),
                text_cell(format!("{}年{}月", self.year, self.rng.range(1, 12))),
            ]);
        }
        let caption = format!("{}年统计执法检查对象名单", self.year);
        Block::Table { table: Table { caption: Some(caption), header, rows: body, align: None } }
    }

    /// Contacts: telephone numbers and e-mail addresses.
    fn contact_table(&mut self, rows: usize) -> Block {
        let header: Vec<String> = ["单位", "联系人", "联系电话", "电子邮箱"].map(String::from).to_vec();
        let mut body = Vec::new();
        for _ in 0..rows {
            body.push(vec![
                text_cell(self.department()),
                text_cell(self.rng.pick(PERSONS).to_string()),
                text_cell(self.phone()),
                text_cell(self.email()),
            ]);
        }
        Block::Table { table: Table { caption: Some("联系人名单".into()), header, rows: body, align: None } }
    }

    /// Funds: a total row spanning the label columns.
    fn funds_table(&mut self, rows: usize) -> Block {
        let header: Vec<String> = ["序号", "项目", "资金来源", "金额（万元）", "备注"].map(String::from).to_vec();
        let mut body = Vec::new();
        let mut total = 0.0;
        for k in 0..rows {
            let (v, text) = self.amount(20, 9000, 2);
            total += v;
            let area = *self.rng.pick(WORK_AREAS);
            let item = self.heading(area, 2);
            body.push(vec![
                text_cell((k + 1).to_string()),
                text_cell(item),
                text_cell(
                    ["中央预算内资金", "省级专项资金", "市级财政资金", "地方政府专项债券", "超长期特别国债"]
                        [self.rng.below(5)],
                ),
                text_cell(text),
                text_cell(if self.rng.chance(0.3) { self.expand("已拨付$p%") } else { String::new() }),
            ]);
        }
        body.push(vec![span_cell("合计", 3, 1, Some("center")), text_cell(self.num_cell(total, 2)), text_cell("")]);
        let caption = format!("{}年{}资金安排情况", self.year, self.topic.0);
        Block::Table { table: Table { caption: Some(caption), header, rows: body, align: None } }
    }

    /// Sectors' figures, sometimes with a row spanning the table to group them.
    fn sector_table(&mut self, rows: usize) -> Block {
        let all = [
            "行业",
            "企业数（家）",
            "增加值增速（%）",
            "营业收入（亿元）",
            "增速（%）",
            "利润总额（亿元）",
            "增速（%）",
        ];
        let n_cols = self.rng.range(3, 7) as usize;
        let cols = self.choose_columns(all.len(), 1, n_cols);
        let header: Vec<String> = cols.iter().map(|&c| all[c].to_owned()).collect();
        let mut body = Vec::new();
        if self.rng.chance(0.4) {
            body.push(vec![span_cell("其中：重点行业", header.len(), 1, Some("left"))]);
        }
        let start = self.rng.below(SECTORS.len());
        for k in 0..rows.min(SECTORS.len()) {
            let mut row = Vec::new();
            for &c in &cols {
                let text = match c {
                    0 => SECTORS[(start + k) % SECTORS.len()].to_owned(),
                    1 => {
                        let n = self.rng.range(3, 600);
                        self.count_text(n)
                    }
                    3 | 5 => self.amount(1, 2000, 2).1,
                    _ => self.tenths(-300, 450),
                };
                row.push(text_cell(text));
            }
            body.push(row);
        }
        let numeric: Vec<bool> = cols.iter().map(|&c| c != 0).collect();
        let align = self.align_for(&numeric);
        let caption = self.caption("规模以上工业分行业主要指标");
        Block::Table { table: Table { caption: Some(caption), header, rows: body, align } }
    }

    /// A statistics bureau's monthly table: indicator, unit, this month, cumulative, growth;
    /// sections as rows spanning the table.
    fn monthly_table(&mut self, rows: usize) -> Block {
        let m = self.months.clamp(1, 12);
        let d = self.dash;
        let header: Vec<String> = vec![
            "指标名称".into(),
            "计量单位".into(),
            format!("{m}月"),
            format!("1{d}{m}月"),
            "同比增长（%）".into(),
            "增速比上月（个百分点）".into(),
        ];
        let n_cols = self.rng.range(4, 6) as usize;
        let cols = self.choose_columns(header.len(), 2, n_cols);
        let header: Vec<String> = cols.iter().map(|&c| header[c].clone()).collect();
        let mut body = Vec::new();
        let mut areas: Vec<Area> = ECONOMY_AREAS.to_vec();
        areas.truncate(self.rng.range(2, 5) as usize);
        let per = (rows / areas.len()).max(1);
        for (g, &area) in areas.iter().enumerate() {
            body.push(vec![span_cell(
                format!("{}、{}", ORDINALS[g], area_text(area).l1.last().unwrap_or(&"其他")),
                cols.len(),
                1,
                None,
            )]);
            for def in DEFS.iter().filter(|d| d.area == area).take(per) {
                let mut row = Vec::new();
                for &c in &cols {
                    let text = match c {
                        0 => def.name.to_owned(),
                        1 => def.unit.to_owned(),
                        2 | 3 => {
                            let scale = if c == 2 { 0.1 } else { 1.0 };
                            let (lo, hi) = ((def.lo * 100.0) as i64, (def.hi * 100.0) as i64);
                            let v = self.rng.range(lo, hi.max(lo)) as f64 / 100.0 * scale;
                            self.num_cell(v, def.decimals.max(1))
                        }
                        4 => self.tenths(-150, 250),
                        _ => self.tenths(-50, 50),
                    };
                    row.push(text_cell(text));
                }
                body.push(row);
            }
        }
        let caption = format!("{}年{m}月主要经济指标", self.year);
        Block::Table { table: Table { caption: Some(caption), header, rows: body, align: None } }
    }
}

// ---------------------------------------------------------------------------------------------
// Genres: the skeleton of each kind of report, filled to a budget of lines.

impl Gen {
    fn para(&mut self, template: &str) -> Block {
        let mut text = self.expand(template);
        if !text.ends_with(['。', '：']) {
            text.push('。');
        }
        Block::Paragraph { paragraph: text }
    }

    /// A lead paragraph stating several headline figures, as summaries and analyses open.
    fn headline_paragraph(&mut self, n: usize) -> Block {
        let ids = self.headline_indicators(n);
        let mut text = format!("{}，{}", self.period_phrase, self.region());
        let phrases: Vec<String> = ids.iter().map(|id| self.indicator_phrase(id)).collect();
        for (k, phrase) in phrases.iter().enumerate() {
            if k > 0 {
                text.push(if self.rng.chance(0.3) { '；' } else { '，' });
            }
            text.push_str(phrase);
        }
        text.push('。');
        if self.rng.chance(0.5) {
            let clause = self.clause(Area::Overall);
            text.push_str(&clause);
            text.push('。');
        }
        Block::Paragraph { paragraph: text }
    }

    /// Sections about `areas`, sharing `budget`.
    fn area_sections(&mut self, areas: &[Area], level: usize, budget: f64) -> Vec<Block> {
        let weights: Vec<f64> = areas.iter().map(|_| 1.0 + self.rng.below(3) as f64).collect();
        let total: f64 = weights.iter().sum();
        areas.iter().zip(weights).map(|(&area, w)| self.section(area, 0, level, budget * w / total)).collect()
    }

    /// `n` areas of `pool`, in the pool's order.
    fn some_areas(&mut self, pool: &[Area], n: usize) -> Vec<Area> {
        let mut picked: Vec<usize> = (0..pool.len()).collect();
        self.rng.shuffle(&mut picked);
        picked.truncate(n.min(pool.len()));
        picked.sort_unstable();
        picked.into_iter().map(|i| pool[i]).collect()
    }

    fn body(&mut self, pages: usize) -> Vec<Block> {
        // The title, numbers and signature take some lines of the first and last page.
        // What a page holds in practice (headings kept with their text, tables and charts
        // moved over whole, white space around them) is about four fifths of its grid lines;
        // measured on the exported corpus.
        let budget = (pages as f64 * PAGE_LINES * 0.8 - 12.0).max(3.0);
        let mut body = match self.genre {
            Genre::Summary => self.summary_body(budget),
            Genre::Analysis => self.analysis_body(budget),
            Genre::Notice => self.notice_body(budget),
            Genre::Plan => self.plan_body(budget),
            Genre::Bulletin => self.bulletin_body(budget),
            Genre::Monthly => self.monthly_body(budget),
            Genre::Projects => self.projects_body(budget),
        };
        // The odd page break, before a later top-level section, as clerks put one to start
        // "下一步工作" or an annex table on a fresh page.
        if body.len() > 3 && self.rng.chance(0.08) {
            let at = self.rng.range(2, body.len() as i64 - 1) as usize;
            body.insert(at, Block::PageBreak { page_break: true });
        }
        // Lead paragraphs of many figures and long enumerations can run past 12 lines.
        cap_paragraphs(&mut body);
        body
    }

    fn spent(blocks: &[Block]) -> f64 {
        blocks.iter().map(block_lines).sum()
    }

    fn summary_body(&mut self, budget: f64) -> Vec<Block> {
        let mut body = Vec::new();
        let opener = *self.rng.pick(SUMMARY_OPENERS);
        let mut opening = self.expand(opener);
        opening.push_str(if self.rng.chance(0.5) { "。现将有关情况报告如下：" } else { "。" });
        body.push(Block::Paragraph { paragraph: opening });
        if self.rng.chance(0.5) {
            let n = self.rng.range(4, 9) as usize;
            body.push(self.headline_paragraph(n));
        }
        if self.rng.chance(0.45) && budget > 30.0 {
            let n = self.rng.range(5, 14) as usize;
            let ids = self.headline_indicators(n);
            let caption = self.caption("主要经济指标完成情况");
            body.push(self.indicator_table(caption, ids));
        }
        if self.rng.chance(0.2) && budget > 40.0 {
            let n = self.rng.range(3, 8) as usize;
            body.push(self.change_chart(Area::Overall, n));
        }
        let left = budget - Self::spent(&body);
        let areas = {
            let n = self.rng.range(3, 7) as usize;
            self.some_areas(WORK_AREAS, n)
        };
        if self.rng.chance(0.5) {
            let heading = format!("{}年工作<开展情况|主要成效|完成情况>", self.year);
            let heading = self.expand(&heading);
            let content = self.area_sections(&areas, 2, left * 0.68);
            body.push(Block::Section { heading, content });
            body.push(self.section(Area::Problems, 0, 1, left * 0.1));
            body.push(self.plans_section(left * 0.22));
        } else {
            body.extend(self.area_sections(&areas, 1, left * 0.8));
            body.push(self.plans_section(left * 0.2));
        }
        if self.rng.chance(0.6) {
            body.push(Block::Paragraph { paragraph: self.rng.pick(REPORT_CLOSINGS).to_string() });
        }
        body
    }

    /// The next period's work, sometimes with its targets.
    fn plans_section(&mut self, budget: f64) -> Block {
        let heading = self.heading(Area::Plans, 0);
        let mut content = Vec::new();
        if self.rng.chance(0.35) {
            let picks = self.some_targets();
            let mut text = format!("{}年，", self.year + 1);
            let phrases: Vec<String> = picks.iter().map(|id| self.indicator_phrase(id)).collect();
            text.push_str(&phrases.join("，"));
            text.push('。');
            content.push(Block::Paragraph { paragraph: text });
            if self.rng.chance(0.4) {
                let caption = format!("{}年主要预期目标", self.year + 1);
                content.push(self.indicator_table(caption, picks));
            }
        }
        let left = budget - Self::spent(&content) - 1.0;
        content.extend(self.fill(Area::Plans, 1, 2, left));
        Block::Section { heading, content }
    }

    fn some_targets(&mut self) -> Vec<String> {
        let n = self.rng.range(3, 8) as usize;
        let mut ks: Vec<usize> = (0..TARGETS.len()).collect();
        self.rng.shuffle(&mut ks);
        ks.truncate(n);
        ks.sort_unstable();
        ks.into_iter().map(|k| self.target(k)).collect()
    }

    fn analysis_body(&mut self, budget: f64) -> Vec<Block> {
        let mut body = Vec::new();
        let opener = *self.rng.pick(ANALYSIS_OPENERS);
        body.push(self.para(opener));
        if self.rng.chance(0.6) {
            let n = self.rng.range(3, 8) as usize;
            body.push(self.headline_paragraph(n));
        }
        if self.rng.chance(0.6) {
            let n = self.rng.range(6, 18) as usize;
            let ids = self.headline_indicators(n);
            let caption = self.caption("主要经济指标");
            body.push(self.indicator_table(caption, ids));
        }
        let left = budget - Self::spent(&body);
        let n = self.rng.range(4, 9) as usize;
        let areas = self.some_areas(ECONOMY_AREAS, n);
        if self.rng.chance(0.5) {
            body.extend(self.area_sections(&areas, 1, left * 0.75));
        } else {
            let heading = format!("{}经济运行<主要特点|基本情况>", self.period_phrase);
            let heading = self.expand(&heading);
            let content = self.area_sections(&areas, 2, left * 0.75);
            body.push(Block::Section { heading, content });
        }
        if self.rng.chance(0.4) {
            let n = self.rng.range(4, 12) as usize;
            body.push(self.sector_chart(n));
        }
        body.push(self.section(Area::Problems, 0, 1, left * 0.1));
        if self.rng.chance(0.8) {
            body.push(self.plans_section(left * 0.15));
        }
        body
    }

    fn notice_body(&mut self, budget: f64) -> Vec<Block> {
        let mut body = Vec::new();
        let opener = *self.rng.pick(NOTICE_OPENERS);
        body.push(self.para(opener));
        if budget < 12.0 {
            // A covering notice: a paragraph or two, the document itself attached.
            if self.rng.chance(0.6) {
                body.push(self.para("请各单位于$D前将贯彻落实情况书面报送$G，电子版发送至$M。"));
            }
            return body;
        }
        let topic_area = self.topic.1;
        let sections: Vec<(&str, Area)> = match self.rng.below(3) {
            0 => vec![("总体要求", Area::Party), ("主要任务", topic_area), ("工作要求", Area::Requirements)],
            1 => vec![
                ("检查范围和对象", Area::Statistics),
                ("检查内容", topic_area),
                ("时间安排", Area::Requirements),
                ("有关要求", Area::Requirements),
            ],
            _ => vec![
                ("工作目标", topic_area),
                ("重点内容", topic_area),
                ("方法步骤", Area::Requirements),
                ("保障措施", Area::Requirements),
            ],
        };
        let left = budget - Self::spent(&body) - 3.0;
        let per = left / sections.len() as f64;
        for (heading, area) in sections {
            body.push(self.titled(heading.to_owned(), area, 1, per));
        }
        match self.rng.below(3) {
            0 => body.push(self.para("联系人：$W，联系电话：$H，电子邮箱：$M。")),
            1 => body
                .push(self.para("<联系方式|联系人及电话>：$G $W，$H（传真同号）；电子邮箱：$M；有关表格可从$U下载。")),
            _ => {}
        }
        body
    }

    fn plan_body(&mut self, budget: f64) -> Vec<Block> {
        let mut body = Vec::new();
        let what = ["方案", "要点", "计划", "措施"][self.rng.below(4)];
        body.push(self.para(&format!(
            "为深入贯彻落实<党中央、国务院|省委、省政府|市委、市政府>关于$X的决策部署，<加快推进|扎实推进>$X工作，结合$S实际，制定本{what}。"
        )));
        let left = budget - Self::spent(&body);
        body.push(self.titled("总体要求".into(), Area::Party, 1, left * 0.1));
        // The targets: plan figures, as text and as a table.
        let picks = self.some_targets();
        let phrases: Vec<String> = picks.iter().map(|id| self.indicator_phrase(id)).collect();
        let mut goals =
            vec![Block::Paragraph { paragraph: format!("到{}年底，{}。", self.year, phrases.join("，")) }];
        if self.rng.chance(0.6) {
            let caption = format!("{}年主要预期目标", self.year);
            goals.push(self.indicator_table(caption, picks));
        }
        body.push(Block::Section { heading: "主要目标".into(), content: goals });
        let tasks_budget = left * 0.7;
        let n = self.rng.range(3, 7) as usize;
        let mut areas = self.some_areas(WORK_AREAS, n);
        if !areas.contains(&self.topic.1) {
            areas.insert(0, self.topic.1);
        }
        let content = self.area_sections(&areas, 2, tasks_budget);
        body.push(Block::Section { heading: "重点任务".into(), content });
        body.push(self.titled("保障措施".into(), Area::Requirements, 1, left * 0.15));
        if self.rng.chance(0.3) {
            let rows = self.rng.range(5, 40) as usize;
            body.push(self.task_table(rows));
        }
        body
    }

    fn bulletin_body(&mut self, budget: f64) -> Vec<Block> {
        let mut body = Vec::new();
        let opener = *self.rng.pick(BULLETIN_OPENERS);
        body.push(self.para(opener));
        let n = self.rng.range(5, 9) as usize;
        body.push(self.headline_paragraph(n));
        let left = budget - Self::spent(&body) - 8.0;
        let mut areas = vec![Area::Overall];
        let n = self.rng.range(7, 12) as usize;
        areas.extend(self.some_areas(ECONOMY_AREAS, n));
        let weights: Vec<f64> = areas.iter().map(|_| 1.0 + self.rng.below(3) as f64).collect();
        let total: f64 = weights.iter().sum();
        for (area, w) in areas.into_iter().zip(weights) {
            let share = left * w / total;
            let heading = self.heading(area, 0);
            let mut content = Vec::new();
            let text_lines = share * 0.6;
            let mut used = 0.0;
            while used < text_lines {
                let ids = self.area_indicators(area, 3);
                let mut text = String::new();
                for id in ids {
                    if cells(&text) > 200.0 {
                        break;
                    }
                    text.push_str(&self.indicator_phrase(&id));
                    text.push('。');
                }
                let lines = self.paragraph_lines(text_lines - used).min(12.0 - para_lines(&text)).max(1.0);
                text.push_str(&self.paragraph(area, lines));
                used += para_lines(&text);
                content.push(Block::Paragraph { paragraph: text });
            }
            if self.rng.chance(0.6) {
                content.push(self.area_indicator_table(area));
            }
            if share > 20.0 && self.rng.chance(0.5) {
                let left = share - Self::spent(&content);
                content.push(self.some_table(area, left));
            }
            if self.rng.chance(0.2) {
                content.push(self.some_chart(area));
            }
            body.push(Block::Section { heading, content });
        }
        // The notes under a bulletin, as plain paragraphs after "注释".
        let k = self.rng.range(2, BULLETIN_NOTES.len() as i64) as usize;
        let mut notes = Vec::new();
        for (n, note) in BULLETIN_NOTES.iter().take(k).enumerate() {
            let text = self.expand(note);
            notes.push(Block::Paragraph { paragraph: format!("[{}]{text}", n + 1) });
        }
        if self.rng.chance(0.5) {
            body.push(Block::Section { heading: "附注".into(), content: notes });
        } else {
            body.push(Block::Paragraph { paragraph: "注释：".into() });
            body.extend(notes);
        }
        body
    }

    fn monthly_body(&mut self, budget: f64) -> Vec<Block> {
        let mut body = Vec::new();
        let opener = *self.rng.pick(MONTHLY_OPENERS);
        body.push(self.para(opener));
        if self.rng.chance(0.8) {
            let n = self.rng.range(6, 20) as usize;
            let ids = self.headline_indicators(n);
            let caption = format!("{}年1{}{}月主要经济指标", self.year, self.dash, self.months);
            body.push(self.indicator_table(caption, ids));
        }
        if self.rng.chance(0.4) && budget > 20.0 {
            let n = self.rng.range(3, 12) as usize;
            body.push(if self.rng.chance(0.5) { self.month_chart(n) } else { self.change_chart(Area::Overall, n) });
        }
        let left = budget - Self::spent(&body);
        if left > 4.0 {
            let n = self.rng.range(2, 5) as usize;
            let areas = self.some_areas(ECONOMY_AREAS, n);
            body.extend(self.area_sections(&areas, 1, left * 0.8));
        }
        if self.rng.chance(0.4) {
            let rows = self.rng.range(4, 12) as usize;
            body.push(self.district_table(rows));
        }
        body
    }

    fn projects_body(&mut self, budget: f64) -> Vec<Block> {
        let mut body = Vec::new();
        body.push(self.para(
            "$T，$R<坚持项目为王|深入开展“项目攻坚年”活动|扎实开展重点项目“双月攻坚”>，<全力以赴|持续用力>抓项目、扩投资、增后劲，重点项目建设总体<进展顺利|好于预期>。",
        ));
        let left = budget - Self::spent(&body);
        body.push(self.titled("总体进展情况".into(), Area::Investment, 1, left * 0.25));
        // The long table of projects, often overleaf as an annex, splitting over pages.
        let table_budget = left * 0.45;
        // Up to 115 projects: with group and total rows, at most 120 rows.
        let rows = ((table_budget - 3.0) / 1.6).clamp(2.0, 115.0) as usize;
        let table = self.project_table(rows);
        if rows > 25 && self.rng.chance(0.3) {
            body.push(Block::PageBreak { page_break: true });
        }
        let heading = "重点项目推进情况".to_owned();
        let intro = self.para("<各|全部>重点项目<推进情况|进展情况>见下表。");
        body.push(Block::Section { heading, content: vec![intro, table] });
        body.push(self.section(Area::Problems, 0, 1, left * 0.1));
        body.push(self.plans_section(left * 0.15));
        body
    }
}

// ---------------------------------------------------------------------------------------------
// Meta: titles, issuers, numbers, dates.

impl Gen {
    /// The issuing body (up to 40 characters; joint issuers separated by a space) and the word
    /// of its document numbers.
    fn issuer(&mut self) -> (String, String) {
        let c = self.city.clone();
        let c1: String = c.chars().next().map_or_else(String::new, String::from);
        let k = self.county.clone();
        let k1: String = k.chars().next().map_or_else(String::new, String::from);
        let z = self.zone.clone();
        let p = self.province;
        let word = self.zone_word;
        let options: Vec<(String, String)> = match (self.level, self.genre) {
            (Level::City, Genre::Bulletin) => vec![
                (format!("{c}市统计局 国家统计局{c}调查队"), format!("{c1}统")),
                (format!("{c}市统计局"), format!("{c1}统")),
            ],
            (Level::City, Genre::Analysis | Genre::Monthly) => vec![
                (format!("{c}市统计局"), format!("{c1}统字")),
                (format!("国家统计局{c}调查队"), format!("{c1}调")),
                (format!("{c}市发展和改革委员会"), format!("{c1}发改")),
            ],
            (Level::City, _) => vec![
                (format!("{c}市人民政府办公室"), format!("{c1}政办")),
                (format!("{c}市人民政府"), format!("{c1}政")),
                (format!("中共{c}市委办公室 {c}市人民政府办公室"), format!("{c1}办发")),
                (format!("{c}市统计局"), format!("{c1}统")),
                (format!("{c}市发展和改革委员会"), format!("{c1}发改")),
                (format!("{c}市优化营商环境工作领导小组办公室"), format!("{c1}优营办")),
                (format!("{c}市重点项目建设指挥部办公室"), format!("{c1}重项办")),
                (format!("{c}市经济和信息化局"), format!("{c1}经信")),
            ],
            (Level::County, Genre::Analysis | Genre::Monthly | Genre::Bulletin) => {
                vec![(format!("{k}统计局"), format!("{k1}统")), (format!("{c}市{k}统计局"), format!("{k1}统字"))]
            }
            (Level::County, _) => vec![
                (format!("{k}人民政府"), format!("{k1}政")),
                (format!("{k}人民政府办公室"), format!("{k1}政办")),
                (format!("中共{k}委办公室 {k}人民政府办公室"), format!("{k1}办")),
                (format!("{c}市{k}发展和改革委员会"), format!("{k1}发改")),
            ],
            (Level::Zone, _) => vec![
                (format!("{z}管理委员会"), format!("{p}{word}")),
                (format!("{z}管理委员会经济发展局"), format!("{word}经发")),
                (format!("{z}管委会党政办公室"), format!("{word}管办")),
                (format!("中共{z}工作委员会 {z}管理委员会"), format!("{word}工")),
            ],
        };
        let mut choice = self.rng.pick(&options).clone();
        if choice.0.chars().count() > 40 {
            choice = options[0].clone();
        }
        choice
    }

    fn title(&mut self) -> String {
        let r = self.formal_region();
        let y = self.year;
        let f = y + 1;
        let t = self.topic.0;
        let label = self.period_label();
        let part = label.trim_start_matches(&format!("{y}年")).to_owned();
        let m = self.months;
        let candidates: Vec<String> = match self.genre {
            Genre::Summary => vec![
                format!("{r}{y}年工作总结"),
                format!("{r}{y}年工作总结和{f}年工作<安排|打算|思路>"),
                format!("关于{r}{label}工作情况的报告"),
                format!("{r}{y}年经济社会发展<情况|工作>总结"),
                format!("关于{y}年{t}工作情况的报告"),
                format!("{r}{y}年{t}工作总结暨{f}年工作计划"),
                format!("{issuer}{y}年度工作总结", issuer = self.issuer().0),
                format!("{issuer}关于{r}{label}{t}工作情况和下一步工作打算的报告", issuer = self.issuer().0),
            ],
            Genre::Analysis => vec![
                format!("{r}{label}经济运行情况分析<报告|>"),
                format!("{label}{r}经济运行简析"),
                format!("{r}{label}经济形势分析及全年走势预判"),
                format!("关于{r}{label}经济运行情况的报告"),
                format!("{r}{label}工业经济运行<情况|>分析"),
                format!("当前{r}经济运行中需要关注的几个问题及对策建议"),
                format!("{r}{label}经济运行情况分析暨全年主要指标预测及稳增长、促消费、扩投资对策建议"),
            ],
            Genre::Notice => vec![
                format!("关于印发《{}》的通知", self.document_name()),
                format!("{issuer}关于印发《{doc}》的通知", issuer = self.issuer().0, doc = self.document_name()),
                format!("{issuer}关于印发《{r}{y}年{t}工作要点》及重点任务分工方案的通知", issuer = self.issuer().0),
                format!("关于做好{y}年度{t}工作的通知"),
                format!("关于开展{y}年{t}专项行动的通知"),
                format!("{issuer}关于进一步加强{t}工作的通知", issuer = self.issuer().0),
                format!("关于转发《{}省统计局关于做好{y}年统计执法检查工作的通知》的通知", self.province),
                format!("关于报送{y}年{t}工作进展情况的通知"),
            ],
            Genre::Plan => vec![
                format!("{r}{y}年{t}工作要点"),
                format!("{r}{y}年{t}实施方案"),
                format!("{r}{t}三年行动计划（{y}—{}年）", y + 2),
                format!("{r}{y}年{t}工作计划"),
                format!("{r}关于加快推进{t}的若干措施"),
                format!("{r}关于{t}加快建设现代化产业体系的实施意见暨{y}—{}年重点任务清单", y + 2),
            ],
            Genre::Bulletin => {
                vec![format!("{r}{y}年国民经济和社会发展统计公报"), format!("{y}年{r}国民经济和社会发展统计公报")]
            }
            Genre::Monthly => vec![
                format!("{y}年{m}月份{r}经济运行简报"),
                format!("{r}经济运行简报"),
                format!("{y}年1{}{m}月{r}主要经济指标完成情况", self.dash),
                format!("{r}统计月报（{y}年{m}月）"),
            ],
            Genre::Projects => vec![
                format!("关于{r}{label}重点项目建设情况的报告"),
                format!("{r}{y}年重大项目推进情况汇报"),
                format!("关于{r}{y}年第<一|二|三>批省市重点项目及{r}本级重点项目建设进展情况的报告"),
                format!("{r}{label}重点项目建设进展情况通报"),
                format!("{r}{y}年<第一批|第二批>重点项目建设计划{}", if part.is_empty() { "" } else { "及推进情况" }),
            ],
        };
        // Titles of 10–70 characters: draw until one fits.
        for _ in 0..20 {
            let template = self.rng.pick(&candidates).clone();
            let title = self.expand(&template);
            let n = title.chars().count();
            if (10..=70).contains(&n) {
                return title;
            }
        }
        format!("{r}{y}年工作总结")
    }

    fn subtitle(&mut self, label: &str) -> Option<String> {
        let y = self.year;
        match self.genre {
            Genre::Analysis | Genre::Projects if self.rng.chance(0.35) && self.months != 12 => {
                Some(format!("（{}）", label.replace("一季度", "1—3月")))
            }
            Genre::Monthly if self.rng.chance(0.6) => Some(if self.rng.chance(0.5) {
                format!("（{y}年第{}期）", self.months)
            } else {
                format!("（{y}年第{}期 总第{}期）", self.months, self.rng.range(100, 400))
            }),
            Genre::Plan if self.rng.chance(0.2) => {
                Some(["（征求意见稿）", "（送审稿）", "（试行）"][self.rng.below(3)].into())
            }
            Genre::Bulletin if self.rng.chance(0.6) => {
                Some(format!("（{}年{}月{}日）", y + 1, self.rng.range(2, 4), self.rng.range(1, 28)))
            }
            Genre::Summary if self.rng.chance(0.1) => Some(format!("——在{}{}年工作会议上的报告", self.region(), y + 1)),
            _ => None,
        }
    }

    /// The date of issue: after the period ends.
    fn date(&mut self) -> String {
        let (y, m) = (self.year, self.months);
        let d = self.rng.range(1, 28);
        let (y, m) = match (self.genre, m) {
            (Genre::Bulletin, _) => (y + 1, self.rng.range(2, 4)),
            (Genre::Plan, _) => (y, self.rng.range(1, 3)),
            (Genre::Notice, _) => (y, self.rng.range(1, 12)),
            (_, 12) if self.rng.chance(0.5) => (y, 12),
            (_, 12) => (y + 1, 1),
            (_, m) => (y, m + 1),
        };
        format!("{y:04}-{m:02}-{d:02}")
    }

    fn meta(&mut self) -> Meta {
        let title = self.title();
        let label = self.period_label();
        let subtitle = self.subtitle(&label);
        let (issuer, word) = self.issuer();
        let doc_number = match self.genre {
            Genre::Notice => self.rng.chance(0.9),
            Genre::Plan | Genre::Summary | Genre::Projects => self.rng.chance(0.4),
            Genre::Analysis => self.rng.chance(0.25),
            Genre::Monthly | Genre::Bulletin => self.rng.chance(0.1),
        }
        .then(|| {
            let suffix = if self.rng.chance(0.3) && !word.ends_with('字') { "发" } else { "" };
            format!("{word}{suffix}〔{}〕{}号", self.year, self.rng.range(1, 180))
        });
        // Most reports sign with issuer and date; some with one of them; a few not at all.
        let (issuer, date) = match self.rng.weighted(&[85, 7, 3, 5]) {
            0 => (Some(issuer), Some(self.date())),
            1 => (Some(issuer), None),
            2 => (None, Some(self.date())),
            _ => (None, None),
        };
        let period = (self.months > 0 && self.rng.chance(0.9)).then_some(label);
        // 主送机关: notices send down, reports send up.
        let down = match self.genre {
            Genre::Notice => 0.9,
            Genre::Plan => 0.45,
            Genre::Monthly => 0.1,
            _ => 0.0,
        };
        let up = match self.genre {
            Genre::Summary | Genre::Analysis | Genre::Projects => 0.3,
            _ => 0.0,
        };
        let addressees: Vec<String> = if self.rng.chance(down) {
            let options: &[usize] = match self.level {
                Level::City => &[0, 1, 5, 6],
                Level::County => &[2, 5],
                Level::Zone => &[3, 4, 5],
            };
            ADDRESSEES_DOWN[*self.rng.pick(options)].iter().map(|s| s.to_string()).collect()
        } else if self.rng.chance(up) {
            let options: &[usize] = match self.level {
                Level::City => &[0, 1, 2, 5],
                Level::County => &[3],
                Level::Zone => &[4, 0],
            };
            ADDRESSEES_UP[*self.rng.pick(options)].iter().map(|s| s.to_string()).collect()
        } else {
            Vec::new()
        };
        let keywords = if self.rng.chance(0.5) {
            let mut words = vec![self.topic.0.trim_matches(['“', '”']).to_owned(), self.region()];
            if self.rng.chance(0.5) {
                words.push(["经济运行", "统计", "工作总结", "重点项目", "营商环境"][self.rng.below(5)].to_owned());
            }
            words
        } else {
            Vec::new()
        };
        let attachments = {
            let p = match self.genre {
                Genre::Notice => 0.6,
                Genre::Plan | Genre::Projects => 0.3,
                Genre::Summary => 0.15,
                _ => 0.08,
            };
            if self.rng.chance(p) {
                let n = self.rng.weighted(&[50, 25, 15, 6, 4]) + 1;
                let mut names = Vec::new();
                while names.len() < n {
                    let template = *self.rng.pick(ATTACHMENTS);
                    let name = self.expand(template);
                    if !names.contains(&name) {
                        names.push(name);
                    }
                }
                names
            } else {
                Vec::new()
            }
        };
        Meta {
            title,
            subtitle,
            doc_number,
            issuer,
            date,
            period,
            addressees: if ADDRESSEES { addressees } else { Vec::new() },
            keywords,
            key_figures: None,
            attachments,
        }
    }

    /// The ids a key figures panel shows, on some reports: results, not targets.
    fn key_figures(&mut self) -> Option<Vec<String>> {
        let results: Vec<String> = self
            .indicators
            .iter()
            .filter(|i| i.kind != "target" && !TARGETS.iter().any(|t| t.id == i.id))
            .map(|i| i.id.clone())
            .collect();
        if results.len() < 2 || !self.rng.chance(0.35) {
            return None;
        }
        let n = (self.rng.weighted(&[5, 15, 25, 30, 10, 8, 4, 3]) + 1).min(results.len());
        let start = self.rng.below(results.len());
        Some((0..n).map(|k| results[(start + k) % results.len()].clone()).collect())
    }
}

/// One report, drawn from its own seed.
fn report(seed: u64, pages_max: Option<usize>) -> (Summary, Genre, usize) {
    let (mut gen, pages) = Gen::new(seed, pages_max);
    let mut meta = gen.meta();
    let body = gen.body(pages);
    let key_figures = gen.key_figures();
    if KEY_FIGURES {
        meta.key_figures = key_figures;
    }
    let summary = Summary { version: 1, meta, indicators: std::mem::take(&mut gen.indicators), body };
    (summary, gen.genre, pages)
}

// ---------------------------------------------------------------------------------------------
// The tally of what the corpus holds, so a run can say what it tested.

#[derive(Default)]
struct Tally(BTreeMap<String, u64>);

impl Tally {
    fn add(&mut self, key: impl Into<String>, n: u64) {
        *self.0.entry(key.into()).or_default() += n;
    }

    fn max(&mut self, key: &str, n: u64) {
        let entry = self.0.entry(key.to_owned()).or_default();
        *entry = (*entry).max(n);
    }

    fn text(&mut self, text: &str) {
        let count = |needle: &str| text.matches(needle).count() as u64;
        self.add("text.urls", count("https://"));
        self.add("text.emails", count("@"));
        for word in ["GDP", "R&D", "5G", "OLED", "BOE", "PPP", "ESG", "AI", "IDC", "REITs", "SaaS", "PM2.5"] {
            self.add("text.latin_terms", count(word));
        }
        self.add("text.placeholders", count("{"));
        for field in ["change", "rank", "name", "note", "value"] {
            self.add(format!("text.placeholders.{field}"), count(&format!(".{field}}}")));
        }
        let bytes: Vec<char> = text.chars().collect();
        let separators =
            bytes.windows(3).filter(|w| w[0].is_ascii_digit() && w[1] == ',' && w[2].is_ascii_digit()).count();
        self.add("text.thousands_separators", separators as u64);
        self.add("text.masked_figures", count("*") / 2);
        self.add("text.enumerations", count("二是") + count("（2）") + count("②"));
    }

    fn blocks(&mut self, blocks: &[Block], level: usize) {
        for block in blocks {
            match block {
                Block::Section { heading, content } => {
                    self.add(format!("body.headings.level{level}"), 1);
                    self.text(heading);
                    self.blocks(content, level + 1);
                }
                Block::Paragraph { paragraph } => {
                    self.add("body.paragraphs", 1);
                    let lines = para_lines(paragraph) as u64;
                    let bucket = match lines {
                        1 => "1",
                        2..=3 => "2-3",
                        4..=6 => "4-6",
                        7..=12 => "7-12",
                        _ => "13+",
                    };
                    self.add(format!("body.paragraph_lines.{bucket}"), 1);
                    self.text(paragraph);
                }
                Block::IndicatorTable { indicator_table } => {
                    self.add("tables.indicator_tables", 1);
                    self.add("tables.indicator_table_rows", indicator_table.indicators.len() as u64);
                    self.add("tables.indicator_tables_with_columns", u64::from(indicator_table.columns.is_some()));
                }
                Block::Table { table } => {
                    self.add("tables.free_tables", 1);
                    self.add(format!("tables.free_table_columns.{}", table.header.len()), 1);
                    self.add("tables.free_table_rows", table.rows.len() as u64);
                    self.max("tables.free_table_rows_max", table.rows.len() as u64);
                    self.add("tables.free_tables_over_30_rows", u64::from(table.rows.len() > 30));
                    self.add("tables.free_tables_with_align", u64::from(table.align.is_some()));
                    for h in &table.header {
                        self.text(h);
                    }
                    for cell in table.rows.iter().flatten() {
                        match cell {
                            Cell::Text(t) => self.text(t),
                            Cell::Span(s) => {
                                self.add("tables.colspan_cells", u64::from(s.colspan > 1));
                                self.add("tables.rowspan_cells", u64::from(s.rowspan > 1));
                                self.text(&s.text);
                            }
                        }
                    }
                }
                Block::Chart { chart } => {
                    self.add("charts", 1);
                    self.add("charts.bars", chart.indicators.len() as u64);
                    self.add("charts.change_series", u64::from(chart.series.is_some()));
                }
                Block::PageBreak { .. } => self.add("body.page_breaks", 1),
            }
        }
    }

    fn report(&mut self, summary: &Summary, genre: Genre, pages: usize, format: &str) {
        self.add("reports", 1);
        self.add(format!("format.{format}"), 1);
        self.add(format!("genre.{genre:?}").to_lowercase(), 1);
        let bucket = match pages {
            1 => "01",
            2..=3 => "02-03",
            4..=5 => "04-05",
            6..=8 => "06-08",
            9..=14 => "09-14",
            15..=19 => "15-19",
            _ => "20-40",
        };
        self.add(format!("aimed_pages.{bucket}"), 1);
        let meta = &summary.meta;
        let title_len = meta.title.chars().count() as u64;
        self.max("meta.title_chars_max", title_len);
        let min = self.0.entry("meta.title_chars_min".into()).or_insert(u64::MAX);
        *min = (*min).min(title_len);
        self.max("meta.issuer_chars_max", meta.issuer.as_ref().map_or(0, |i| i.chars().count() as u64));
        self.add("meta.subtitle", u64::from(meta.subtitle.is_some()));
        self.add("meta.doc_number", u64::from(meta.doc_number.is_some()));
        self.add("meta.signature_issuer_and_date", u64::from(meta.issuer.is_some() && meta.date.is_some()));
        self.add("meta.no_signature", u64::from(meta.issuer.is_none() && meta.date.is_none()));
        self.add("meta.joint_issuer", u64::from(meta.issuer.as_ref().is_some_and(|i| i.contains(' '))));
        self.add("meta.addressees", u64::from(!meta.addressees.is_empty()));
        self.add("meta.key_figures", u64::from(meta.key_figures.is_some()));
        self.add("meta.attachments", u64::from(!meta.attachments.is_empty()));
        self.add("meta.attachment_names", meta.attachments.len() as u64);
        self.add("meta.keywords", u64::from(!meta.keywords.is_empty()));
        self.add("indicators", summary.indicators.len() as u64);
        for ind in &summary.indicators {
            self.add("indicators.with_change", u64::from(ind.comparison.is_some()));
            let negative = ind.value.as_ref().is_some_and(Num::negative)
                || ind.comparison.as_ref().is_some_and(|c| c.change.negative());
            self.add("indicators.negative", u64::from(negative));
            self.add("indicators.masked", u64::from(matches!(&ind.value, Some(Num::Text(t)) if t.contains('*'))));
            self.add("indicators.with_rank", u64::from(ind.rank.is_some()));
            self.add("indicators.with_note", u64::from(ind.note.is_some()));
            self.add("indicators.targets", u64::from(TARGETS.iter().any(|t| t.id == ind.id)));
        }
        let depth = depth(&summary.body);
        self.add(format!("body.max_heading_depth.{depth}"), 1);
        self.blocks(&summary.body, 1);
    }
}

fn depth(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .map(|b| match b {
            Block::Section { content, .. } => 1 + depth(content),
            _ => 0,
        })
        .max()
        .unwrap_or(0)
}

// ---------------------------------------------------------------------------------------------

struct Args {
    count: usize,
    seed: u64,
    out: PathBuf,
    pages_max: Option<usize>,
}

fn args() -> Result<Args, String> {
    let mut args = Args { count: 300, seed: 1, out: PathBuf::from("corpus"), pages_max: None };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--count" => args.count = value()?.parse().map_err(|e| format!("--count: {e}"))?,
            "--seed" => args.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--out" => args.out = PathBuf::from(value()?),
            "--pages-max" => args.pages_max = Some(value()?.parse().map_err(|e| format!("--pages-max: {e}"))?),
            "-h" | "--help" => {
                return Err("usage: corpus --count N --seed S --out DIR [--pages-max P]".into());
            }
            other => return Err(format!("unknown argument `{other}` (see --help)")),
        }
    }
    Ok(args)
}

/// TOML as a person writes it: short arrays on one line (`addressees = ["…", "…"]`, so that
/// a line-based filter can drop such a field), a table's rows one a line.
fn toml_text(summary: &Summary) -> Result<String, String> {
    let compact = toml::to_string(summary).map_err(|e| e.to_string())?;
    let mut doc: toml_edit::DocumentMut = compact.parse().map_err(|e: toml_edit::TomlError| e.to_string())?;
    rows_one_per_line(doc.as_table_mut());
    Ok(doc.to_string())
}

fn rows_one_per_line(table: &mut toml_edit::Table) {
    for (key, item) in table.iter_mut() {
        match item {
            toml_edit::Item::Value(toml_edit::Value::Array(rows)) if key.get() == "rows" => {
                for row in rows.iter_mut() {
                    row.decor_mut().set_prefix("\n    ");
                }
                rows.set_trailing("\n");
                rows.set_trailing_comma(true);
            }
            toml_edit::Item::Table(t) => rows_one_per_line(t),
            toml_edit::Item::ArrayOfTables(tables) => tables.iter_mut().for_each(rows_one_per_line),
            _ => {}
        }
    }
}

/// The same data read back from the written text, as JSON: the three writers must agree
/// with the model (a masked value stays a string, a number a number).
fn read_back(text: &str, format: &str) -> Result<serde_json::Value, String> {
    match format {
        "json" => serde_json::from_str(text).map_err(|e| e.to_string()),
        "yaml" => serde_yaml::from_str(text).map_err(|e| e.to_string()),
        _ => toml::from_str::<toml::Value>(text)
            .map_err(|e| e.to_string())
            .and_then(|v| serde_json::to_value(v).map_err(|e| e.to_string())),
    }
}

fn main() {
    let args = match args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        eprintln!("cannot create {}: {e}", args.out.display());
        std::process::exit(1);
    }
    let mut tally = Tally::default();
    // Per report: its genre and the pages it aims at, for a check to relate faults to them.
    let mut reports = serde_json::Map::new();
    for n in 1..=args.count {
        // Each report has its own seed, so report n is the same whatever the count.
        let seed = args.seed.wrapping_mul(0xA076_1D64_78BD_642F) ^ (n as u64).wrapping_mul(0xE703_7ED1_A0B4_28DB);
        let (summary, genre, pages) = report(seed, args.pages_max);
        let format = match Rng(seed ^ 0x5555).below(8) {
            0 => "json",
            1 => "yaml",
            _ => "toml",
        };
        let text = match format {
            "json" => serde_json::to_string_pretty(&summary).map(|t| t + "\n").map_err(|e| e.to_string()),
            "yaml" => serde_yaml::to_string(&summary).map_err(|e| e.to_string()),
            _ => toml_text(&summary),
        };
        let text = text.unwrap_or_else(|e| panic!("report {n}: cannot write {format}: {e}"));
        let model = serde_json::to_value(&summary).expect("the summary is plain data");
        match read_back(&text, format) {
            Ok(back) if back == model => {}
            Ok(_) => panic!("report {n}: the {format} text does not read back to the summary"),
            Err(e) => panic!("report {n}: the {format} text does not parse: {e}"),
        }
        let path = args.out.join(format!("r{n:04}.{format}"));
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("cannot write {}: {e}", path.display());
            std::process::exit(1);
        }
        tally.report(&summary, genre, pages, format);
        let name = format!("r{n:04}");
        let genre = format!("{genre:?}").to_lowercase();
        reports.insert(
            name,
            serde_json::json!({ "file": format!("r{n:04}.{format}"), "genre": genre, "aimed_pages": pages }),
        );
    }
    let out = serde_json::json!({ "features": tally.0, "reports": reports });
    println!("{}", serde_json::to_string_pretty(&out).expect("plain data"));
    eprintln!("wrote {} reports to {}", args.count, args.out.display());
}
