"""The demo's policies and financing products: invented for the demo, titled （演示）, never to
be read as real Hangzhou policies. Each is a plain dict the seed turns into a ``Policy``; their
rules use only registry attributes, so the seed fails loudly if one drifts."""

from __future__ import annotations

CORE = {"attribute": "core", "operator": "is_true"}
CORE_MAJORS = {"attribute": "de_major", "operator": "in", "value": ["01", "02", "03", "04"]}


def _docs(*names: tuple[str, str]) -> list[dict[str, str]]:
    return [{"name_zh": zh, "name_en": en} for zh, en in names]


LICENCE = ("营业执照复印件", "copy of the business licence")
ACCOUNTS = ("上年度财务审计报告", "last year's audited financial statements")

POLICIES: list[dict] = [
    {
        "code": "demo-rd-subsidy", "kind": "policy", "issuer": "dept-economy",
        "title_zh": "数字经济核心产业研发投入补助（演示）",
        "title_en": "R&D subsidy for core digital-economy enterprises (demo)",
        "text_zh": "演示政策:对研发投入强度不低于3%的数字经济核心产业企业,按研发费用增量给予补助。",
        "conditions": [
            CORE,
            {"attribute": "rd_intensity_percent", "operator": "ge", "value": 3, "unit": "%"},
            {"attribute": "revenue_wan_yuan", "operator": "ge", "value": 500, "unit": "万元"},
        ],
        "documents": _docs(LICENCE, ("研发费用专项审计报告", "audit report of R&D expenses")),
    },
    {
        "code": "demo-high-tech-reward", "kind": "policy", "issuer": "dept-science",
        "title_zh": "高新技术企业认定奖励（演示）",
        "title_en": "Reward for recognised high-tech enterprises (demo)",
        "text_zh": "演示政策:对有效期内的高新技术企业给予一次性奖励。",
        "conditions": [
            {"attribute": "high_tech", "operator": "is_true"},
            {"attribute": "employees", "operator": "ge", "value": 10, "unit": "人"},
        ],
        "documents": _docs(LICENCE, ("高新技术企业证书", "high-tech enterprise certificate")),
    },
    {
        "code": "demo-talent-startup", "kind": "policy", "issuer": "dept-talent",
        "title_zh": "人才创业企业扶持（演示）",
        "title_en": "Support for talent-founded start-ups (demo)",
        "text_zh": "演示政策:对人才带专利、项目、团队创办且成立不满5年的数字经济企业给予场地和资金支持。",
        "conditions": [
            {"attribute": "talent_founded", "operator": "is_true"},
            {"attribute": "age_years", "operator": "lt", "value": 5, "unit": "年"},
            CORE_MAJORS,
        ],
        "documents": _docs(LICENCE, ("创始人人才认定证明", "founder's talent certification")),
    },
    {
        "code": "demo-listing-reward", "kind": "policy", "issuer": "dept-finance",
        "title_zh": "拟上市企业培育奖励（演示）",
        "title_en": "Reward for enterprises preparing to list (demo)",
        "text_zh": "演示政策:对营业收入1亿元以上、尚未上市的数字经济核心产业企业给予上市培育奖励。",
        "conditions": [
            {"attribute": "listed", "operator": "is_false"},
            {"attribute": "revenue_wan_yuan", "operator": "ge", "value": 1, "unit": "亿元"},
            CORE,
        ],
        "documents": _docs(LICENCE, ACCOUNTS, ("上市辅导协议", "listing sponsorship agreement")),
    },
    {
        "code": "demo-binjiang-sme", "kind": "policy", "issuer": "district-330108",
        "title_zh": "滨江区数字经济中小企业扶持（演示）",
        "title_en": "Binjiang support for digital SMEs (demo)",
        "text_zh": "演示政策:滨江区内从业人员10–300人的数字经济核心产业企业可享受房租补贴。",
        "conditions": [
            {"attribute": "division_code", "operator": "eq", "value": "330108"},
            {"attribute": "employees", "operator": "between", "value": [10, 300], "unit": "人"},
            CORE,
        ],
        "documents": _docs(LICENCE, ("租赁合同", "lease contract")),
    },
    {
        "code": "demo-project-subsidy", "kind": "policy", "issuer": "dept-ndrc",
        "title_zh": "重大项目建设贴息（演示）",
        "title_en": "Interest subsidy for major projects under way (demo)",
        "text_zh": "演示政策:对已开工或在建的数字经济重大项目给予贷款贴息。",
        "conditions": [
            {"attribute": "project_stage", "operator": "in", "value": ["started", "building"]},
        ],
        "documents": _docs(("项目开工证明", "proof that construction started")),
    },
    {
        "code": "demo-credit-risk", "kind": "credit_risk", "issuer": "dept-finance",
        "title_zh": "科技型中小企业信贷风险补偿（演示）", "provider": "合作银行（演示）",
        "title_en": "Credit risk compensation for tech SMEs (demo)",
        "text_zh": "演示产品:财政风险池对合作银行向科技型中小企业发放的贷款损失给予补偿。",
        "max_amount_wan_yuan": "1000",
        "conditions": [
            {"attribute": "employees", "operator": "le", "value": 300, "unit": "人"},
            {"attribute": "revenue_wan_yuan", "operator": "le", "value": 2, "unit": "亿元"},
            CORE,
        ],
        "documents": _docs(LICENCE, ACCOUNTS),
    },
    {
        "code": "demo-receivables", "kind": "receivables", "issuer": "dept-finance",
        "title_zh": "应收账款质押融资（演示）", "provider": "合作银行（演示）",
        "title_en": "Receivables-pledge financing (demo)",
        "text_zh": "演示产品:以对大型企业的应收账款质押融资,通过应收账款融资服务平台办理。",
        "max_amount_wan_yuan": "3000",
        "conditions": [
            {"attribute": "revenue_wan_yuan", "operator": "ge", "value": 1000, "unit": "万元"},
            CORE_MAJORS,
        ],
        "documents": _docs(LICENCE, ("应收账款确权材料", "confirmation of the receivables")),
    },
    {
        "code": "demo-guarantee", "kind": "guarantee", "issuer": "dept-finance",
        "title_zh": "政策性融资担保（演示）", "provider": "融资担保公司（演示）",
        "title_en": "Policy financing guarantee (demo)",
        "text_zh": "演示产品:政府性融资担保机构为高新技术中小企业提供低费率担保。",
        "max_amount_wan_yuan": "2000",
        "conditions": [
            {"attribute": "employees", "operator": "between", "value": [5, 500], "unit": "人"},
            {"attribute": "high_tech", "operator": "is_true"},
        ],
        "documents": _docs(LICENCE, ACCOUNTS, ("担保申请书", "guarantee application")),
    },
    {
        "code": "demo-bill-discount", "kind": "bill_discount", "issuer": "dept-finance",
        "title_zh": "小额票据贴现（演示）", "provider": "合作银行（演示）",
        "title_en": "Small bill discounting (demo)",
        "text_zh": "演示产品:为小微企业持有的小额商业汇票提供快速贴现。",
        "max_amount_wan_yuan": "500",
        "conditions": [
            {"attribute": "revenue_wan_yuan", "operator": "between", "value": [100, 5000],
             "unit": "万元"},
        ],
        "documents": _docs(LICENCE, ("商业汇票", "the commercial bill")),
    },
]  # fmt: skip
