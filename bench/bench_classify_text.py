"""Throughput of the business-scope classifier against a jieba-tokenise-and-look-up baseline.

    uv run python bench/bench_classify_text.py [--texts N] [--seed S] [--rows M] [--years Y]

Generates N seeded, realistic 经营范围 texts (100–300 characters built from SAMR standard
phrases, mostly non-digital, as in a real register), then times in the same run:

- ``classify_texts`` (one Aho-Corasick automaton over all terms);
- a baseline that segments each text with jieba (its vocabulary extended with the same terms)
  and looks each token up in a dict of those terms;
- ``classify_enterprises`` on M rows: M / Y enterprises (codes drawn from the GB/T table,
  10 % digital) each reporting Y years with the same scope, as an import sees them.

Prints texts/s (wall and CPU) for each and the ratio. The jieba baseline runs on the first
``--baseline-texts`` texts only (it is slow). Timing only: nothing here is asserted.
"""

from __future__ import annotations

import argparse
import logging
import random
import time

import pyarrow as pa

# Everyday SAMR 经营范围规范表述 phrases: mostly non-digital, some digital, some exclusions.
COMMON_PHRASES = (
    "一般项目：技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广",
    "企业管理咨询",
    "市场营销策划",
    "会议及展览服务",
    "日用百货销售",
    "服装服饰批发",
    "五金产品零售",
    "建筑材料销售",
    "餐饮服务",
    "食品经营（销售预包装食品）",
    "货物进出口",
    "技术进出口",
    "普通货物仓储服务（不含危险化学品等需许可审批的项目）",
    "机械设备租赁",
    "家用电器销售",
    "广告设计、代理",
    "广告发布",
    "组织文化艺术交流活动",
    "物业管理",
    "住房租赁",
    "农产品的生产、销售、加工、运输、贮藏及其他相关服务",
    "专用设备制造（不含许可类专业设备制造）",
    "通用设备制造（不含特种设备制造）",
    "纺织品销售",
    "劳务服务（不含劳务派遣）",
    "道路货物运输（不含危险货物）",
    "化工产品销售（不含许可类化工产品）",
    "（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）",
    "许可项目：第二类增值电信业务",
    "（依法须经批准的项目，经相关部门批准后方可开展经营活动）",
)
DIGITAL_PHRASES = (
    "软件开发",
    "信息技术咨询服务",
    "信息系统集成服务",
    "物联网技术服务",
    "数据处理和存储支持服务",
    "集成电路设计",
    "人工智能应用软件开发",
    "云计算装备技术服务",
    "大数据服务",
    "互联网销售（除销售需要许可的商品）",
    "网络技术服务",
    "区块链技术相关软件和服务",
    "计算机软硬件及辅助设备零售",
    "直播电商",
    "跨境电子商务",
    "工业互联网数据服务",
    "5G通信技术服务",
    "数字内容制作服务（不含出版发行）",
    "智慧仓储",
    "互联网广告服务",
    "电子竞技",
    "智能机器人的研发",
    "数字安防系统集成",
)


def make_scopes(count: int, seed: int) -> list[str]:
    """Seeded scopes of roughly 100–300 characters; about a third mention digital activity."""
    rng = random.Random(seed)
    scopes = []
    for _ in range(count):
        phrases = rng.sample(COMMON_PHRASES, rng.randint(6, 14))
        if rng.random() < 0.35:
            for phrase in rng.sample(DIGITAL_PHRASES, rng.randint(1, 4)):
                phrases.insert(rng.randrange(len(phrases) + 1), phrase)
        scopes.append("；".join(phrases) + "。")
    return scopes


def jieba_baseline(terms: dict[str, int]):  # type: ignore[no-untyped-def]
    """A tokenise-then-look-up classifier over the same terms (the usual first attempt)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for term in terms:
        tokenizer.add_word(term, freq=10**6)
    tokenizer.initialize()

    def classify(text: str) -> list[int]:
        return [terms[token] for token in tokenizer.lcut(text, HMM=False) if token in terms]

    return classify


class Timer:
    """Wall and CPU seconds of a block: the machine may be shared, and CPU time is what one
    core spends, so both are printed and the CPU figure is the one to compare with targets."""

    def __enter__(self) -> Timer:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu


def rate(label: str, count: int, timer: Timer) -> float:
    per_cpu_second = count / timer.cpu
    print(
        f"{label:<44} {count:>9,d}: {count / timer.wall:>10,.0f} /s wall, "
        f"{per_cpu_second:>10,.0f} /s CPU"
    )
    return per_cpu_second


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[1])
    parser.add_argument("--texts", type=int, default=50_000, help="number of scope texts")
    parser.add_argument("--baseline-texts", type=int, default=5_000, help="texts for jieba")
    parser.add_argument("--seed", type=int, default=2021, help="random seed")
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows for classify_enterprises")
    parser.add_argument("--years", type=int, default=4, help="years per enterprise (scope repeats)")
    args = parser.parse_args()

    from hzdigital.classification import classify_enterprises, classify_texts, gbt4754
    from hzdigital.classification.text import classifier_for

    scopes = make_scopes(args.texts, args.seed)
    mean_chars = sum(map(len, scopes)) / len(scopes)
    print(f"{args.texts:,d} scopes, mean {mean_chars:.0f} characters, seed {args.seed}")

    classifier = classifier_for()  # compile outside the timed region, as a server would
    with Timer() as timer:
        results = classify_texts(scopes)
    ours = rate("classify_texts (one Aho-Corasick automaton)", len(scopes), timer)

    terms = {term: index for index, term in enumerate(classifier.vocabulary.terms)}
    baseline = jieba_baseline(terms)
    sample = scopes[: args.baseline_texts]
    with Timer() as timer:
        baseline_hits = [baseline(text) for text in sample]
    theirs = rate("baseline (jieba tokenise + dict look-up)", len(sample), timer)
    print(f"ratio (CPU): classify_texts is {ours / theirs:.1f}x the baseline")
    with_categories = sum(1 for result in results[: len(sample)] if result.categories)
    with_hits = sum(1 for hits in baseline_hits if hits)
    print(f"of the first {len(sample):,d}: {with_categories:,d} with a category (ours), ", end="")
    print(f"{with_hits:,d} with a term (baseline)")

    # Rows as an import sees them: each enterprise reports every year with the same scope.
    rng = random.Random(args.seed)
    classes = [entry.code for entry in gbt4754.load().classes]
    digital = sorted(classifier.edition.by_gbt)
    enterprises = max(1, args.rows // args.years)
    firm_codes = [
        rng.choice(digital) if rng.random() < 0.1 else rng.choice(classes)
        for _ in range(enterprises)
    ]
    firm_scopes = make_scopes(enterprises, args.seed + 1)
    codes = [firm_codes[i % enterprises] for i in range(args.rows)]
    row_scopes = [firm_scopes[i % enterprises] for i in range(args.rows)]
    # The import hands over Arrow columns; Python lists cost a conversion on top.
    code_column, scope_column = pa.array(codes), pa.array(row_scopes)
    with Timer() as timer:
        columns = classify_enterprises(code_column, scope_column)
    rate(f"classify_enterprises, Arrow in ({enterprises:,d} firms)", args.rows, timer)
    print(f"  {timer.cpu:.2f} s CPU, {timer.wall:.2f} s wall for {args.rows:,d} rows")
    with Timer() as timer:
        from_lists = classify_enterprises(codes, row_scopes)
    rate("classify_enterprises, Python lists in", args.rows, timer)
    print(f"  {timer.cpu:.2f} s CPU, {timer.wall:.2f} s wall for {args.rows:,d} rows")
    assert from_lists == columns  # the same answer whatever the input type
    statuses = columns["de_status"].value_counts().to_pylist()
    print("  statuses:", {item["values"]: item["counts"] for item in statuses})


if __name__ == "__main__":
    main()
