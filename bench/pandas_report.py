#!/usr/bin/python3
"""bench/pandas_report.py -- the peer for the end-to-end benchmark: what an
analyst would write with pandas + matplotlib to get from a declaration CSV
(as `bench_gen csv` writes it: `;`-separated, money in cents, debet_credit
D/C) to a small PDF report. It counts unique clients (bsn) and spending
(bedrag, credits negative) per municipality x category x year (year of
begindatum) and writes a 5-page PDF with charts and tables. No validation
at all: no 11-test, no deduplication, credits are not matched to their
debits, no pseudonymization.

Usage: /usr/bin/python3 bench/pandas_report.py DECL.csv OUT.pdf
(Debian's python3-pandas and python3-matplotlib: scripts/install-deps.sh
--bench.)
"""
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.backends.backend_pdf import PdfPages  # noqa: E402


def euros(cents):
    return f"{cents / 100:,.0f}".replace(",", ".")


def table_page(pdf, title, frame, col_labels):
    fig, ax = plt.subplots(figsize=(8.27, 11.69))
    ax.axis("off")
    ax.set_title(title, fontsize=13, loc="left")
    tab = ax.table(cellText=frame.values.tolist(), colLabels=col_labels,
                   loc="upper center", cellLoc="right")
    tab.auto_set_font_size(False)
    tab.set_fontsize(7)
    tab.scale(1, 1.1)
    pdf.savefig(fig)
    plt.close(fig)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: pandas_report.py DECL.csv OUT.pdf")
    src, out = sys.argv[1], sys.argv[2]
    # the types pandas infers: codes and bsn as integers (the fastest
    # read), the municipality code padded again only in the output
    df = pd.read_csv(src, sep=";",
                     usecols=["gemeente", "bsn", "productcategorie",
                              "begindatum", "bedrag", "debet_credit"])
    df["bedrag"] = df["bedrag"].where(df["debet_credit"] != "C",
                                      -df["bedrag"])
    df["jaar"] = df["begindatum"].str[:4].astype(int)

    keys = ["gemeente", "productcategorie", "jaar"]
    agg = (df.groupby(keys)
           .agg(clienten=("bsn", "nunique"), uitgaven=("bedrag", "sum"))
           .reset_index())
    per_gem = (df.groupby("gemeente")
               .agg(clienten=("bsn", "nunique"), uitgaven=("bedrag", "sum"))
               .sort_values("uitgaven", ascending=False))
    per_cat = (df.groupby("productcategorie")
               .agg(clienten=("bsn", "nunique"), uitgaven=("bedrag", "sum"))
               .sort_index())
    per_month = df.groupby(df["begindatum"].str[:7])["bedrag"].sum()
    per_gem.index = per_gem.index.map("{:04d}".format)
    agg["gemeente"] = agg["gemeente"].map("{:04d}".format)

    with PdfPages(out) as pdf:
        # 1: totals and spending per municipality
        fig, ax = plt.subplots(figsize=(8.27, 11.69))
        ax.barh(per_gem.index[::-1], per_gem["uitgaven"][::-1] / 100)
        ax.set_title(f"Jeugdzorg: {len(df):,} regels, "
                     f"{df['bsn'].nunique():,} clienten, "
                     f"EUR {euros(df['bedrag'].sum())}", loc="left")
        ax.set_xlabel("uitgaven (EUR)")
        ax.tick_params(axis="y", labelsize=6)
        pdf.savefig(fig)
        plt.close(fig)
        # 2: unique clients and spending per category
        fig, (a1, a2) = plt.subplots(2, 1, figsize=(8.27, 11.69))
        cats = per_cat.index.map(str)
        a1.bar(cats, per_cat["clienten"])
        a1.set_title("Unieke clienten per productcategorie", loc="left")
        a2.bar(cats, per_cat["uitgaven"] / 100)
        a2.set_title("Uitgaven per productcategorie (EUR)", loc="left")
        for a in (a1, a2):
            a.tick_params(axis="x", labelsize=7, rotation=90)
        pdf.savefig(fig)
        plt.close(fig)
        # 3: spending per month
        fig, ax = plt.subplots(figsize=(8.27, 11.69 / 2))
        ax.plot(per_month.index, per_month.values / 100, marker="o")
        ax.set_title("Uitgaven per maand (EUR)", loc="left")
        ax.tick_params(axis="x", labelsize=7, rotation=90)
        pdf.savefig(fig)
        plt.close(fig)
        # 4: table per municipality
        t = per_gem.reset_index()
        t["uitgaven"] = t["uitgaven"].map(euros)
        table_page(pdf, "Per gemeente", t,
                   ["gemeente", "clienten", "uitgaven (EUR)"])
        # 5: the largest municipality x category x year cells
        top = agg.sort_values("uitgaven", ascending=False).head(60).copy()
        top["uitgaven"] = top["uitgaven"].map(euros)
        table_page(pdf, "Grootste gemeente x categorie x jaar", top,
                   ["gemeente", "categorie", "jaar", "clienten",
                    "uitgaven (EUR)"])
    print(f"pandas_report: {len(df)} lines, {len(agg)} cells, {out}")


if __name__ == "__main__":
    main()
