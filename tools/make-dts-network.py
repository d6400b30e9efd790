#!/usr/bin/env python3
"""Writes scenarios/networks/dts-2008.yaml from scenarios/data/routing-indicators.tsv.

An illustrative model of the 2008 Diplomatic Telecommunications Service: every RUEH.. post
in the community-compiled table attached to the regional relay of its area. Regions come
from the city named in each post's plain-language address (table below). Speeds, processing
times and the relay mesh are plausible choices, not historical facts.

usage: tools/make-dts-network.py [TSV] > scenarios/networks/dts-2008.yaml
"""
import sys
import zlib

TSV = sys.argv[1] if len(sys.argv) > 1 else "scenarios/data/routing-indicators.tsv"

# Region of each city, by words that occur in the address.
REGIONS = {
    "Europe": """HAMBURG ANKARA AMSTERDAM BUCHAREST BELFAST BRUSSELS BELGRADE CHISINAU COPENHAGEN
        ADANA DUSSELDORF DUBLIN EDINBURGH ANTWERP FLORENCE PARIS STRASBOURG FRANKFURT GENEVA
        HELSINKI THESSALONIKI ISTANBUL KYIV KRAKOW BARCELONA LUXEMBOURG LISBON LJUBLJANA
        PETERSBURG LONDON LEIPZIG MADRID MILAN MOSCOW MARSEILLE MUNICH NICOSIA NAPLES OSLO
        PONTA PRAGUE PODGORICA PRINSTINA PRISTINA RIGA REYKJAVIK BERLIN ROME VATICAN SOFIA MINSK
        BRATISLAVA STOCKHOLM SKOPJE BERN HAGUE ATHENS TIRANA TALLINN BUDAPEST ZAGREB VIENNA
        SARAJEVO VILNIUS VALLETTA WARSAW YEKATERINBURG VLADIVOSTOK TBILISI BAKU YEREVAN""",
    "Africa": """ABIDJAN ASMARA ANTANANARIVO ACCRA ALGIERS BAMAKO BRAZZAVILLE COTONOU CASABLANCA
        DAKAR DJIBOUTI DAR ADDIS DURBAN FREETOWN BANGUI BUJUMBURA BANJUL KHARTOUM KINSHASA
        KAMPALA LIBREVILLE LILONGWE KIGALI LUSAKA LUANDA MALABO MBABANE MASERU MONROVIA
        NDJAMENA NOUAKCHOTT NIAMEY NAIROBI GABORONE LAGOS OUAGADOUGOU PRAIA LOME RABAT CONAKRY
        PRETORIA HARARE CAPE MAPUTO TUNIS ABUJA WINDHOEK VAOUNDE YAOUNDE TRIPOLI""",
    "Near East and South Asia": """ABU AMMAN ASHGABAT BASRAH MUMBAI KABUL KOLKATA DUSHANBE DUBAI
        DHAHRAN DAMASCUS DOHA CAIRO BISHKEK BAGHDAD ISLAMABAD JEDDAH JERUSALEM DHAKA KARACHI
        KATHMANDU KUWAIT ERBIL BEIRUT LAHORE COLUMBO COLOMBO MANAMA NEW HYDERABAD TASHKENT
        PESHAWAR RIYADH ASTANA TEL SANAA""",
    "East Asia": """BANDAR BEIJING BANGKOK CHIANG CHENGDU FUKUOKA RANGOON SINGAPORE GUANGZHOU HANOI
        HONG CHI TAIPEI JAKARTA SURABAYA KUALA TOKYO SAPPORO MANILA NAHA OSAKA PHNOM SHENYANG
        SEOUL ULAANBAATAR VIENTIENE DILI""",
    "Pacific": """APIA MELBOURNE CANBERRA SYDNEY KOLONIA KOROR MAJURO AUCKLAND PORT MORESBY PERTH
        SUVA WELLINGTON""",
    "Americas": """ASUNCION CURACAO BELMOPAN NASSAU BOGOTA BRASILIA BUENOS CIUDAD CARACAS SANTO
        GEORGETOWN GUAYAQUIL GRENADA GUATEMALA GUADALAJARA CALGARY HALIFAX HERMOSILLO HAMILTON
        KINGSTON LIMA MONTERREY MEXICO MONTEVIDEO MONTREAL QUEBEC MANAGUA NOGALES NUEVO TORONTO
        OTTAWA PARAMARIBO PARAMIARBO PRINCE QUINTO QUITO MERIDA RECIFE RIO MATAMOROS SANTIAGO
        SAN SAO SPAIN TEGUCIGALPA TIJUANA HAVANA VANCOUVER BRIDGETOWN PANAMA LA""",
}
RELAY_OF_REGION = {
    "Europe": "RUDKC", "Africa": "RUDKC", "Near East and South Asia": "RUSBC",
    "East Asia": "RUESGU", "Pacific": "RUESCD", "Americas": "RUESC", "Washington": "RUEH",
}
# Tie-breaks where a word belongs to two regions (first match wins in this order).
ORDER = ["Near East and South Asia", "Pacific", "Africa", "Europe", "East Asia", "Americas"]
SPECIAL = {"RUEHNO": "Europe", "RUEHKN": "Pacific", "RUEHMK": "Near East and South Asia",
           "RUEHTB": "East Asia", "RUEHMLR": "East Asia", "RUEHSP": "Americas",
           "RUEHRN": "Europe", "RUEHUNV": "Europe", "RUEHVEN": "Europe", "RUEHPB": "Pacific",
           "RUEHL": "Africa", "RUEHLP": "Americas", "RUEHNE": "Near East and South Asia",
           "RUEHTV": "Near East and South Asia", "RUEHSN": "Americas", "RUEHSJ": "Americas",
           "RUEHDG": "Americas", "RUEHSO": "Americas", "RUEHPU": "Americas", "RUEHAD": "Near East and South Asia",
           "RUEHBD": "East Asia", "RUEHHM": "East Asia", "RUEHKL": "East Asia", "RUEHDR": "Africa",
           "RUEHDS": "Africa", "RUEHTN": "Africa", "RUEHMD": "Europe", "RUEHME": "Americas"}
WORDS = {region: set(text.split()) for region, text in REGIONS.items()}

RELAYS = [
    ("RUEH", "RGN RELAY FACILITY BELTSVILLE MD", "Washington"),
    ("RUCN", "RGN RELAY FACILITY DEPARTMENT OF STATE WASHINGTON DC", "Washington"),
    ("RUDKC", "RRF CROUGHTON", "Europe"),
    ("RUSBC", "RRF NEW DELHI IN", "Near East and South Asia"),
    ("RUESGU", "RRF GUAM", "East Asia"),
    ("RUESCD", "RRF OPANA HI", "Pacific"),
    ("RUES", "MAJOR RELAY STA RGN RELAY FAC BRANDY WASHINGTON DC", "Americas"),
    ("RUESC", "RRF BRANDY WASHINGTON DC", "Americas"),
]
TRUNKS = [  # (a, b): 56 kbit/s trunks; a ring among the relays gives alternative routes
    ("RUEHC", "RUEH"), ("RUEHC", "RUCN"), ("RUCN", "RUEH"), ("RUEH", "RUDKC"),
    ("RUEH", "RUSBC"), ("RUEH", "RUESGU"), ("RUEH", "RUESCD"), ("RUEH", "RUES"),
    ("RUES", "RUESC"), ("RUDKC", "RUSBC"), ("RUSBC", "RUESGU"), ("RUESGU", "RUESCD"),
    ("RUESCD", "RUES"), ("RUCN", "RUES"),
]
NATO = ["RUEHBS", "RUEHSF", "RUEHOT", "RUEHPG", "RUEHCP", "RUEHTL", "RUEHFR", "RUEHRL",
        "RUEHTH", "RUEHUP", "RUEHRK", "RUEHRO", "RUEHRA", "RUEHVL", "RUEHLE", "RUEHTC",
        "RUEHNY", "RUEHWR", "RUEHLI", "RUEHBM", "RUEHSL", "RUEHLJ", "RUEHMD", "RUEHAK",
        "RUEHLO", "RUEHNO"]
EU = ["RUEHSW", "RUEHBS", "RUEHSF", "RUEHPG", "RUEHCP", "RUEHTL", "RUEHFR", "RUEHRL",
      "RUEHTH", "RUEHUP", "RUEHDL", "RUEHRO", "RUEHRA", "RUEHVL", "RUEHLE", "RUEHTC",
      "RUEHWR", "RUEHLI", "RUEHBM", "RUEHSL", "RUEHLJ", "RUEHMD", "RUEHSM", "RUEHLO",
      "RUEHNC", "RUEHVT", "RUEHHE", "RUEHVI"]
EU.remove("RUEHSW")  # Switzerland is not an EU member
EUROPEAN_POLITICAL = ["RUEHFR", "RUEHRL", "RUEHLO", "RUEHRO", "RUEHMD", "RUEHTC", "RUEHBS",
                      "RUEHNO", "RUEHCP", "RUEHNY", "RUEHSM", "RUEHHE", "RUEHVI", "RUEHSW",
                      "RUEHDL", "RUEHLI", "RUEHTH", "RUEHLE", "RUEHRK", "RUEHVT", "RUEHNC",
                      "RUEHAK", "RUEHWR", "RUEHPG", "RUEHUP", "RUEHSL", "RUEHLJ", "RUEHTL",
                      "RUEHRA", "RUEHVL", "RUEHBM", "RUEHSF", "RUEHVB", "RUEHGV"]
ARAB_LEAGUE = ["RUEHAS", "RUEHMK", "RUEHDJ", "RUEHEG", "RUEHGB", "RUEHAM", "RUEHKU",
               "RUEHLB", "RUEHTRO", "RUEHNK", "RUEHRB", "RUEHMS", "RUEHDO", "RUEHRH",
               "RUEHKH", "RUEHDM", "RUEHTU", "RUEHAD", "RUEHYN"]


def region_of(ri, name):
    if ri in SPECIAL:
        return SPECIAL[ri]
    words = set(name.replace(",", " ").split())
    if "WASHINGTON" in words or "WASH" in words or words & {"BALTIMORE", "ATLANTA",
                                                          "BELTSVILLE", "CHARLESTON",
                                                          "LAUDERDALE", "PORTSMOUTH"}:
        return "Washington"
    for region in ORDER:
        if words & WORDS[region]:
            return region
    return "Washington"  # offices of the DTS itself and anything unplaced


def rate_of(ri):
    return ["2400bps", "4800bps", "9600bps"][zlib.crc32(ri.encode()) % 3]


def main():
    posts = {}
    with open(TSV, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                continue
            ri, name = line.rstrip("\n").split("\t", 1)
            if ri.startswith("RUEH") and ri not in ("RUEH",) and ri not in posts:
                posts[ri] = name.strip()
    relay_ris = {r for r, _, _ in RELAYS}
    out = sys.stdout.write
    out("# yaml-language-server: $schema=../../schema/network.schema.json\n")
    out("# dts-2008: an ILLUSTRATIVE model of the Diplomatic Telecommunications Service, 2008.\n")
    out("# Generated by tools/make-dts-network.py from ../shared/data/routing-indicators.tsv\n")
    out("# (a community-compiled, unofficial table of routing indicators). Every RUEH.. post\n")
    out("# hangs off the regional relay of its area; the relays form a 56 kbit/s mesh. Speeds,\n")
    out("# processing times and the mesh are plausible choices, not historical facts.\n\n")
    out("defaults:\n  processing: 2m\n  rate: 2400bps\n  framing: async-ascii\n"
        "  propagation: 250ms\n\n")
    out("stations:\n")
    out("  - {ri: RUEHC, name: SECSTATE WASHDC, kind: post, region: Washington, processing: 1m}\n")
    for ri, name, region in RELAYS:
        out(f"  - {{ri: {ri}, name: '{name}', kind: relay, region: {region}, processing: 20s}}\n")
    for ri in sorted(posts):
        if ri in relay_ris or ri == "RUEHC":
            continue
        region = region_of(ri, posts[ri])
        out(f"  - {{ri: {ri}, name: '{posts[ri]}', kind: post, region: {region}}}\n")
    out("\nlinks:\n")
    for a, b in TRUNKS:
        out(f"  - {{between: [{a}, {b}], rate: 56kbps, framing: sync-ascii, propagation: 60ms}}\n")
    for ri in sorted(posts):
        if ri in relay_ris or ri == "RUEHC":
            continue
        relay = RELAY_OF_REGION[region_of(ri, posts[ri])]
        out(f"  - {{between: [{ri}, {relay}], rate: {rate_of(ri)}}}\n")

    def collective(name, ri, members):
        members = [m for m in members if m in posts]
        out(f"  - name: {name}\n")
        if ri:
            out(f"    ri: {ri}\n")
        out("    members: [" + ", ".join(members) + "]\n")

    out("\ncollectives:\n")
    out("  # The US posts in the 26 NATO members of June 2008 (the US itself has no embassy)\n")
    out("  # and USNATO. RUEHXP is the RI a parser project gives it: unverified.\n")
    collective("ALL NATO POST COLLECTIVE", "RUEHXP", NATO)
    collective("EUROPEAN POLITICAL COLLECTIVE", "RUEHZL", EUROPEAN_POLITICAL)
    collective("EU MEMBER STATES COLLECTIVE", "RUCNMEM", EU)
    collective("ARAB LEAGUE COLLECTIVE", "RUEHEE", ARAB_LEAGUE)


main()
