/* xs-demo-names.c — the word tables of the demo city, kept apart from the generator so the
 * Chinese text can be read and corrected in one place. District seats and compound counts
 * follow shared/DOMAIN.md and the seed article; street and subdistrict names are those of
 * Linyi or sound like them; companies and people are invented. */
#include "config.h"

#include "xs-demo-names.h"

static const char * const lanshan_subdistricts[] = {
  "兰山街道", "银雀山街道", "金雀山街道", "柳青街道", "南坊街道", NULL
};
static const char * const lanshan_roads[] = {
  "通达路", "沂蒙路", "金雀山路", "银雀山路", "兰山路", "解放路", "新华路", "涑河南街",
  "沂州路", "蒙山大道", "临西三路", "临西五路", "府右路", "启阳路", "水田路", "北京路",
  "上海路", "南京路", "孝河路", "工业大道", NULL
};
static const char * const luozhuang_subdistricts[] = {
  "罗庄街道", "傅庄街道", "盛庄街道", "册山街道", "高都街道", "罗西街道", NULL
};
static const char * const luozhuang_roads[] = {
  "罗七路", "三江路", "双月园路", "湖北路", "盛庄路", "傅庄路", "龙潭路", "罗三路",
  "沂河路", "化武路", "湖南路", "册山路", NULL
};
static const char * const hedong_subdistricts[] = {
  "九曲街道", "芝麻墩街道", "凤凰岭街道", "太平街道", "朝阳街道", "梅家埠街道", NULL
};
static const char * const hedong_roads[] = {
  "人民大街", "东兴路", "凤凰大街", "温泉路", "九曲路", "智圣路", "桃园路", "滨河东路",
  "东夷大街", "相公街", "沂河东路", "翠湖路", NULL
};
static const char * const county_roads[] = {
  "人民路", "建设路", "文化路", "振兴路", "城东路", "滨河路", "光明路", "胜利路",
  "新华路", "中心街", "府前路", "育才路", "健康路", "和平路", "商城路", NULL
};

static const char * const yinan_sub[] = { "界湖街道", NULL };
static const char * const tancheng_sub[] = { "郯城街道", NULL };
static const char * const yishui_sub[] = { "沂城街道", "龙家圈街道", NULL };
static const char * const lanling_sub[] = { "卞庄街道", "苍山街道", NULL };
static const char * const feixian_sub[] = { "费城街道", NULL };
static const char * const pingyi_sub[] = { "平邑街道", NULL };
static const char * const junan_sub[] = { "十字路街道", NULL };
static const char * const mengyin_sub[] = { "蒙阴街道", NULL };
static const char * const linshu_sub[] = { "临沭街道", "郑山街道", NULL };

static const char * const no_stems[] = { NULL };
static const char * const yinan_stems[] = { "汶河", "诸葛", "竹泉", NULL };
static const char * const tancheng_stems[] = { "沭河", "马陵", "郯国", NULL };
static const char * const yishui_stems[] = { "沂城", "跋山", "东皋", NULL };
static const char * const lanling_stems[] = { "兰陵", "苍山", "荀子", NULL };
static const char * const feixian_stems[] = { "费城", "温凉河", "塔山", NULL };
static const char * const pingyi_stems[] = { "浚河", "蒙阳", "龟蒙", NULL };
static const char * const junan_stems[] = { "鸡龙河", "天湖", "莒国", NULL };
static const char * const mengyin_stems[] = { "岱崮", "蒙河", "云蒙", NULL };
static const char * const linshu_stems[] = { "苍源", "冠山", "沭水", NULL };

/* The three urban districts hold about two thirds of the compounds. */
const XsDemoDistrict xs_demo_districts[XS_DEMO_N_DISTRICTS] = {
  { &xa_linyi_districts[0], 5.0, 1150, lanshan_subdistricts, lanshan_roads, no_stems },
  { &xa_linyi_districts[1], 5.0, 520, luozhuang_subdistricts, luozhuang_roads, no_stems },
  { &xa_linyi_districts[2], 5.0, 560, hedong_subdistricts, hedong_roads, no_stems },
  { &xa_linyi_districts[3], 2.0, 140, yinan_sub, county_roads, yinan_stems },
  { &xa_linyi_districts[4], 2.0, 150, tancheng_sub, county_roads, tancheng_stems },
  { &xa_linyi_districts[5], 2.0, 170, yishui_sub, county_roads, yishui_stems },
  { &xa_linyi_districts[6], 2.0, 150, lanling_sub, county_roads, lanling_stems },
  { &xa_linyi_districts[7], 2.0, 140, feixian_sub, county_roads, feixian_stems },
  { &xa_linyi_districts[8], 2.0, 140, pingyi_sub, county_roads, pingyi_stems },
  { &xa_linyi_districts[9], 2.0, 140, junan_sub, county_roads, junan_stems },
  { &xa_linyi_districts[10], 2.0, 100, mengyin_sub, county_roads, mengyin_stems },
  { &xa_linyi_districts[11], 2.0, 130, linshu_sub, county_roads, linshu_stems },
};

/* Weights follow what 12345 property orders are usually about: service quality first,
 * then parking, sanitation and lifts. */
const XsDemoCategory xs_demo_categories[] = {
  { "CONTRACT-01", "物业服务合同履约公示", "Service contract compliance publicity",
    "contract_publicity", 2 },
  { "CONTRACT-02", "收费标准与服务事项公示", "Fee and service publicity", "contract_publicity", 1 },
  { "REV-01", "公共收益管理", "Public revenue management", "public_revenue", 2 },
  { "REV-02", "公共收益公开", "Public revenue disclosure", "public_revenue", 1 },
  { "ELEV-01", "老旧电梯更新", "Renewal of old elevators", "elevator_renewal", 2 },
  { "ELEV-02", "电梯故障与困人", "Elevator faults and entrapments", "elevator_renewal", 7 },
  { "FLOOD-01", "小区积水与排水", "Waterlogging and drainage", "flood_prevention", 4 },
  { "FLOOD-02", "防汛物资与预案", "Flood supplies and plans", "flood_prevention", 2 },
  { "CHG-01", "电动自行车充电设施", "E-bike charging facilities", "ebike_charging", 5 },
  { "CHG-02", "电动车违规充电", "Unsafe e-bike charging", "ebike_charging", 3 },
  { "FUND-01", "维修资金使用", "Maintenance fund use", "maintenance_fund", 2 },
  { "POWER-01", "非直供电小区改造", "Indirect power supply renovation", "power_supply", 2 },
  { "UTIL-01", "供水保障", "Water supply", "utilities_supply", 4 },
  { "UTIL-02", "供气保障", "Gas supply", "utilities_supply", 2 },
  { "UTIL-03", "供暖保障", "Heating supply", "utilities_supply", 5 },
  { "SVC-01", "物业服务质量", "Property service quality", "property_service", 20 },
  { "SVC-02", "物业收费", "Property fees", "property_service", 7 },
  { "FIRE-01", "消防通道与设施", "Fire lanes and equipment", "fire_safety", 4 },
  { "NOISE-01", "噪音扰民", "Noise", NULL, 5 },
  { "ROAD-01", "小区道路与出入口", "Compound roads and exits", NULL, 2 },
  { "PARK-01", "停车管理", "Parking", NULL, 10 },
  { "SANI-01", "环境卫生", "Sanitation", NULL, 9 },
  { "GREEN-01", "绿化养护", "Greening", NULL, 4 },
};
const guint xs_demo_n_categories = G_N_ELEMENTS (xs_demo_categories);

const XsDemoProblemText xs_demo_problem_texts[] = {
  { "CONTRACT-01", "物业服务合同未在小区公示",
    "业主反映物业服务合同及服务标准未在公告栏公示，业主无从监督。",
    "督促物业在各单元公告栏及业主群公示合同和服务标准。" },
  { "CONTRACT-01", "物业服务内容与合同约定不符",
    "合同约定每日保洁两次，实际隔天一次，业主要求按约履行。",
    "约谈物业项目负责人，按合同恢复保洁频次，社区跟踪检查。" },
  { "CONTRACT-02", "收费标准未公示", "物业费、停车费收费标准未公示，业主对收费依据有疑问。",
    "物业在小区出入口及公告栏公示收费标准和服务事项。" },
  { "REV-01", "公共收益去向不明", "电梯广告、场地租赁等公共收益多年未向业主说明去向。",
    "指导物业对公共收益建账，收益纳入专户管理并公示。" },
  { "REV-01", "停车收益未计入公共收益", "地面停车位收费由物业收取，未按规定计入公共收益。",
    "核查停车收入，扣除合理成本后计入公共收益并公示。" },
  { "REV-02", "公共收益未定期公开", "业主要求公开近两年公共收益收支明细。",
    "物业公开公共收益收支明细，社区和业委会监督。" },
  { "ELEV-01", "电梯老化频繁停运", "电梯使用年限较长，近期多次停运，业主要求更新。",
    "开展安全评估，纳入老旧电梯更新计划，筹措资金。" },
  { "ELEV-02", "电梯困人", "电梯运行中突然停止，有人员被困约二十分钟。",
    "维保单位现场救援并检修，更换故障部件，市场监管部门复检。" },
  { "ELEV-02", "电梯异响抖动", "电梯运行时异响明显、轿厢抖动，居民担心安全。",
    "维保单位调整导轨并更换曳引钢丝绳，运行正常。" },
  { "ELEV-02", "电梯停运多日未修", "电梯停运三天仍未修复，老人上下楼困难。",
    "督促物业联系维保单位，更换主板后恢复运行。" },
  { "FLOOD-01", "雨后地面积水", "降雨后小区道路积水严重，影响出行。",
    "疏通雨水管网和雨水篦子，增设排水设施。" },
  { "FLOOD-01", "地下车库进水", "强降雨时地下车库入口倒灌，车辆有被淹风险。",
    "加设挡水板和沙袋，增配排水泵并安排专人值守。" },
  { "FLOOD-01", "雨水井堵塞", "雨水井被落叶和垃圾堵塞，排水缓慢。",
    "物业组织清掏雨水井，建立汛期巡查制度。" },
  { "FLOOD-02", "防汛物资不足", "小区防汛沙袋、排水泵数量不足，未明确值守人员。",
    "补充防汛物资，修订防汛预案并明确人员分工。" },
  { "CHG-01", "小区缺少充电桩", "小区没有集中充电设施，居民只能私拉电线充电。",
    "规划建设智能充电车棚，端口按需配置。" },
  { "CHG-01", "充电车棚端口不够", "现有充电端口不够用，晚上排队充电。",
    "新增充电端口，与运营商商定合理充电价格。" },
  { "CHG-02", "楼道内给电动车充电", "有住户在楼道内给电动车充电，存在火灾隐患。",
    "物业上门劝导并清理，加装梯控阻止电动车进电梯。" },
  { "CHG-02", "飞线充电", "有居民从窗户私拉电线给楼下电动车充电。",
    "拆除飞线，引导到集中充电区充电。" },
  { "FUND-01", "维修资金申请困难", "屋面漏水需要动用维修资金，不清楚申请流程。",
    "指导业主按程序表决并申请维修资金，完成屋面维修。" },
  { "FUND-01", "外墙脱落需维修", "外墙保温层局部脱落，存在安全隐患。",
    "启用维修资金应急使用程序，完成外墙修缮。" },
  { "POWER-01", "非直供电电价偏高", "小区未实现供电公司直供，电费由物业代收且价格偏高。",
    "纳入非直供电改造计划，协调供电公司抄表到户。" },
  { "POWER-01", "小区频繁停电", "小区配电设施老化，夏季用电高峰频繁停电。",
    "协调供电公司检修配电设施，更换老化线路。" },
  { "UTIL-01", "高层水压不足", "高层住户用水高峰时水压不足，热水器无法启动。",
    "检修二次供水加压设备，调整供水压力。" },
  { "UTIL-01", "自来水浑浊", "自来水发黄浑浊，居民担心水质。",
    "清洗二次供水水箱，水务部门检测合格。" },
  { "UTIL-02", "燃气管道锈蚀", "楼外燃气立管锈蚀严重，居民担心漏气。",
    "燃气公司更换锈蚀立管，开展入户安检。" },
  { "UTIL-03", "暖气不热", "供暖期室温偏低，暖气片上热下凉。",
    "热力公司排气调试并清洗管道，室温达标。" },
  { "UTIL-03", "供暖管道漏水", "单元楼道内供暖管道漏水。",
    "热力公司关阀抢修，更换漏水管段。" },
  { "SVC-01", "楼道卫生无人打扫", "楼道长期无人打扫，杂物堆积。",
    "物业增加保洁人员，清理楼道杂物。" },
  { "SVC-01", "单元门禁损坏", "单元门禁损坏多日未修，外来人员随意进出。",
    "物业更换门禁控制器，恢复正常使用。" },
  { "SVC-01", "路灯不亮", "小区内多处路灯不亮，夜间出行不便。",
    "物业更换灯具和线路，路灯恢复照明。" },
  { "SVC-01", "物业人员服务态度差", "业主反映物业客服人员态度生硬，报修无人回应。",
    "约谈物业企业，调整客服人员，建立报修回访制度。" },
  { "SVC-01", "屋顶漏水报修无人处理", "顶层住户屋顶漏水，多次报修物业未处理。",
    "物业组织防水维修，住户确认不再渗漏。" },
  { "SVC-02", "物业费上涨未经业主同意", "物业拟上调物业费，未征求业主意见。",
    "指导物业依法依规调整收费，暂缓上调并召开业主座谈会。" },
  { "SVC-02", "停车费收费不合理", "物业对地面停车收费，业主认为收费依据不足。",
    "核定收费依据并公示，停车收入纳入公共收益。" },
  { "FIRE-01", "消防通道被占用", "消防通道长期被私家车占用。",
    "物业施划禁停标线，加强巡查，劝离占道车辆。" },
  { "FIRE-01", "消防栓无水", "楼内消防栓无水，灭火器过期。",
    "物业维修消防供水系统，更换过期灭火器。" },
  { "NOISE-01", "夜间施工噪音", "相邻工地夜间施工噪音扰民。",
    "协调执法部门规范施工时间，夜间停止高噪音作业。" },
  { "NOISE-01", "广场舞音响扰民", "小区广场舞音响音量过大，影响休息。",
    "社区协调调整活动时间和音量。" },
  { "NOISE-01", "装修噪音扰民", "有住户周末全天装修，噪音影响邻居。",
    "物业告知装修管理规定，限定施工时间。" },
  { "ROAD-01", "小区道路破损", "小区主干道路面破损坑洼，雨天积水，老人出行不便。",
    "物业使用公共收益修补路面。" },
  { "ROAD-01", "出入口道闸故障", "小区出入口道闸经常失灵，高峰期车辆排队。",
    "物业更换道闸控制系统，安排专人疏导。" },
  { "PARK-01", "车位不足乱停车", "小区车位紧张，车辆乱停堵塞道路。",
    "物业重新规划停车位，错时共享周边停车资源。" },
  { "PARK-01", "僵尸车长期占用车位", "多辆无人使用的车辆长期占用车位。",
    "联系车主挪车，无人认领的按规定清理。" },
  { "PARK-01", "外来车辆随意进入", "外来车辆随意进入小区停放。",
    "物业完善道闸管理，外来车辆登记进入。" },
  { "SANI-01", "垃圾清运不及时", "垃圾桶满溢，清运不及时，异味明显。",
    "物业增加清运频次，垃圾日产日清。" },
  { "SANI-01", "化粪池堵塞外溢", "化粪池堵塞，污水外溢到路面。",
    "物业调派抽污车清掏化粪池并疏通管道。" },
  { "SANI-01", "建筑垃圾乱堆", "装修建筑垃圾长期堆放在绿化带。",
    "物业设置建筑垃圾临时堆放点并及时清运。" },
  { "GREEN-01", "绿地被毁种菜", "有住户毁绿种菜，破坏公共绿地。",
    "社区和物业劝导清理，恢复绿化。" },
  { "GREEN-01", "树木遮挡采光", "楼前树木过高，遮挡低层住户采光。",
    "物业经报批后修剪树枝。" },
  { "GREEN-01", "绿化长期无人养护", "小区绿地杂草丛生，无人养护。",
    "物业安排专人养护，补植绿化。" },
};
const guint xs_demo_n_problem_texts = G_N_ELEMENTS (xs_demo_problem_texts);

const XsDemoProblemText xs_demo_city_problem_texts[] = {
  { "FLOOD-01", "周边市政管网不畅导致小区积水", "小区排水接入的市政管网不畅，雨季小区多处积水。",
    "市级协调住建、城管、水务部门疏通并改造市政管网，积水问题消除。" },
  { "FLOOD-01", "雨污分流改造工程停工", "小区雨污分流改造工程停工，影响小区排水。",
    "对接管理部门推动复工，改造已完成。" },
  { "POWER-01", "非直供电改造推进难", "小区供电设施产权不清，改造费用分摊难以达成一致。",
    "市级协调供电公司和街道，明确费用分摊，完成改造并抄表到户。" },
  { "POWER-01", "地下配电室雨季漏水", "地下配电室雨季漏水，存在停电和触电隐患。",
    "协调供电公司到现场查看，完成配电室防水维修。" },
  { "UTIL-03", "小区未接入集中供暖", "小区建成多年未接入城市集中供暖管网。",
    "市级协调热力公司和开发企业，完成供暖管网接入。" },
  { "UTIL-01", "二次供水设施老化", "二次供水设施老化，高层长期水压不足，产权单位缺位。",
    "协调水务集团接管二次供水设施并完成改造。" },
  { "SVC-01", "开发商遗留配套未移交", "开发企业缺位，小区配套设施一直未移交，维修无人负责。",
    "市级组织开发企业、街道和业委会会商，完成配套设施移交。" },
  { "ROAD-01", "小区出入口未按规划开通", "小区规划出入口多年未开通，业主需绕行，高峰拥堵。",
    "市级协调规划、交通、城管部门，完成出入口开通。" },
  { "ELEV-01", "老旧电梯更新资金缺口", "多部电梯使用超过十五年，评估建议更新，资金筹措困难。",
    "争取超长期特别国债资金，结合维修资金完成电梯更新。" },
  { "FIRE-01", "消防设施缺失无法整改", "小区消防设施缺失，整改涉及多部门审批。",
    "市级协调消防救援、住建部门简化审批，完成消防设施改造。" },
  { "FUND-01", "维修资金表决难以达成", "外墙和屋面急需维修，维修资金使用表决多次未达成。",
    "指导启用应急使用程序，协调街道组织表决，完成维修。" },
};
const guint xs_demo_n_city_problem_texts = G_N_ELEMENTS (xs_demo_city_problem_texts);

const char * const xs_demo_name_stems[] = {
  "沂河", "沂蒙", "蒙山", "凤凰", "金雀山", "银雀山", "滨河", "祊河", "涑河", "柳青",
  "琅琊", "书香", "阳光", "锦绣", "御景", "翡翠", "紫荆", "丽都", "香江", "东方",
  "世纪", "盛世", "和谐", "幸福", "金色", "银河", "天元", "富民", "怡和", "华夏",
  "泰和", "中央", "新华", "兰亭", "兰园", "桃源", "杏林", "翠湖", "碧水", "明珠",
  "君悦", "龙湾", "龙泉", "九州", "万福", "瑞景", "温泉", "水岸", "清华", "文汇",
  "学府", "佳和", "海棠", "紫薇", "枫林", "香山", "蓝湾", "金鼎", "名仕", "嘉禾",
  "东城", "西城", "南湖", "北湖", "朝阳", "春晖", "秀水", "玉兰", "泉城", "颐和", NULL
};
const char * const xs_demo_name_suffixes[] = {
  "花园", "小区", "家园", "苑", "府", "名城", "新城", "公馆", "雅居", "嘉园",
  "华庭", "名苑", "新村", "佳苑", "尚城", "丽景", "壹号", "庄园", "国际", "豪庭",
  "御府", "湾", "雅苑", "锦苑", "园", NULL
};
const char * const xs_demo_name_phases[] = {
  "一期", "二期", "三期", "东区", "西区", "南区", "北区", NULL
};
const char * const xs_demo_work_units[] = {
  "第一中学", "人民医院", "供电公司", "化肥厂", "棉纺厂", "粮食局", "交通局", "卫生局",
  "制药厂", "水泥厂", "邮电局", "烟草公司", "师范学校", "党校", "农业银行", "建设银行",
  "工商银行", "市政公司", "自来水公司", "汽车站", "供销社", "百货大楼", "木材公司",
  "机床厂", "罐头厂", "塑料厂", "酒厂", "石油公司", "林业局", "税务局", "中医院", "实验小学", NULL
};
const char * const xs_demo_unit_housing[] = { "宿舍", "家属院", "小区", "住宅楼", NULL };
const char * const xs_demo_community_stems[] = {
  "东关", "西关", "南关", "北关", "和平", "新华", "幸福", "光明", "富民", "前进",
  "育才", "文化", "花园", "河滨", "沂滨", "友谊", "胜利", "东方", "书院", "聚才",
  "洗砚池", "王庄", "李官", "张庄", "刘家湖", "杨家", "后园", "前园", "西湖", "东湖",
  "金锣", "银河", "柳青", "苗庄", "大岭", "兴华", "长安", "永安", "平安", "康宁", NULL
};
const char * const xs_demo_company_stems[] = {
  "临沂安居", "临沂恒泰", "沂蒙山", "山东兴业", "临沂鑫源", "临沂众和", "临沂华泰",
  "临沂宏宇", "临沂润泽", "临沂颐和", "临沂嘉禾", "临沂银河", "临沂天泽", "临沂城发",
  "临沂金盾", "山东鲁沂", "临沂康居", "临沂瑞丰", "临沂东晟", "临沂兰华", NULL
};
const char * const xs_demo_company_suffixes[] = { "物业服务有限公司", "物业管理有限公司", NULL };
const char * const xs_demo_surnames[] = {
  "王", "王", "王", "李", "李", "张", "张", "刘", "刘", "陈", "杨", "赵", "孙", "孙", "徐",
  "高", "马", "朱", "胡", "郭", "何", "林", "宋", "郑", "韩", "唐", "冯", "于", "董", "程",
  "曹", "袁", "许", "颜", "庞", "魏", "薛", "田", "姜", "石", "崔", "孔", "邵", "孟", "葛", NULL
};
const char * const xs_demo_given_chars[] = {
  "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
  "涛", "明", "超", "秀", "霞", "平", "刚", "华", "玉", "萍", "红", "鹏", "建", "志",
  "国", "海", "峰", "斌", "亮", "宁", "辉", "波", "晨", "雪", "婷", "飞", "鑫", "凯",
  "浩", "宇", "晓", "彬", "倩", "琳", "莉", "新", "文", "成", "永", "庆", "春", "振", NULL
};
const char * const xs_demo_phone_prefixes[] = {
  "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
  "153", "155", "156", "157", "158", "159", "176", "177", "178", "180", "181", "182",
  "183", "185", "186", "187", "188", "189", "198", "199", NULL
};
const char * const xs_demo_city_units[] = {
  "市住房城乡建设局物业科", "市住房城乡建设局房地产市场科", "市住房城乡建设局城市建设科",
  "市住房城乡建设局建筑管理科", "市住房城乡建设局城建档案馆", "市物业服务中心",
  "市住房保障服务中心", "市房屋安全鉴定中心", NULL
};
const char * const xs_demo_county_units[] = {
  "住房和城乡建设局物业管理办公室", "住房和城乡建设局房产服务中心",
  "住房和城乡建设局建筑管理科", "住房和城乡建设局城建档案馆", NULL
};

const XsDemoLift xs_demo_lifts[] = {
  { "上海三菱电梯有限公司", "LEHY-III" },
  { "日立电梯（中国）有限公司", "HGP" },
  { "奥的斯电梯（中国）有限公司", "GeN2" },
  { "通力电梯有限公司", "MonoSpace" },
  { "迅达（中国）电梯有限公司", "3300" },
  { "蒂森克虏伯电梯（上海）有限公司", "evolution" },
  { "康力电梯股份有限公司", "KLK2" },
  { "广州广日电梯工业有限公司", "GRPS" },
  { "杭州西奥电梯有限公司", "XO-STAR" },
  { "快意电梯股份有限公司", "KYE-MRL" },
  { "东芝电梯（中国）有限公司", "ELCOSMO" },
  { "永大电梯设备（中国）有限公司", "YP-VF" },
};
const guint xs_demo_n_lifts = G_N_ELEMENTS (xs_demo_lifts);

guint
xs_demo_count (const char * const *list)
{
  guint n = 0;

  while (list[n] != NULL)
    n++;
  return n;
}

const char *
xs_demo_pick (GRand              *rand,
              const char * const *list)
{
  guint n = xs_demo_count (list);

  g_assert (n > 0);
  return list[g_rand_int_range (rand, 0, n)];
}
