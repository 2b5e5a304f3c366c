# ruff: noqa: E501 - the tables below are data, one state per line
"""Generate src/casegraph/nlp/kb/countries.csv: every state's government and armed forces.

Run with the project's virtual environment (needs ``rigour``, for names and ISO codes):

    .venv/bin/python scripts/build_kb.py

The set of states is the 193 UN members, the two observer states (Holy See,
Palestine), Kosovo and Taiwan: the keys of ADJECTIVES below. Names, full names and
alpha-3 codes come from rigour.territories; demonyms, armed forces names, native
forms and state-to-state hostilities are written here by hand. The other files
under kb/ (IGOs, armed groups, media, ...) are written by hand and not generated.
"""

from __future__ import annotations

import sys

from rigour.territories import get_territory

from casegraph.nlp.kb import KB_DIR, Actor, Adversary, parse_adversary, write_actors_csv

OUT = KB_DIR / "countries.csv"


def _table(text: str) -> dict[str, list[str]]:
    """'code: a | b | c' lines -> {code: [a, b, c]}."""
    out: dict[str, list[str]] = {}
    for line in text.strip().splitlines():
        code, _, rest = line.partition(":")
        out[code.strip()] = [part.strip() for part in rest.split("|") if part.strip()]
    return out


# Demonyms, and the short forms newspapers put before "government" or "army" (first one
# is used in the canonical name of the armed forces when no official name is known).
ADJECTIVES = _table(
    """
af: Afghan
al: Albanian
dz: Algerian
ad: Andorran
ao: Angolan
ag: Antiguan | Antigua and Barbuda
ar: Argentine | Argentinian
am: Armenian
au: Australian
at: Austrian
az: Azerbaijani | Azeri
bs: Bahamian
bh: Bahraini
bd: Bangladeshi | Bangladesh
bb: Barbadian | Barbados
by: Belarusian | Belarus
be: Belgian
bz: Belizean | Belize
bj: Beninese | Benin
bt: Bhutanese
bo: Bolivian
ba: Bosnian
bw: Botswanan | Botswana
br: Brazilian
bn: Bruneian | Brunei
bg: Bulgarian
bf: Burkinabe | Burkinabè
bi: Burundian
cv: Cape Verdean | Cabo Verdean
kh: Cambodian
cm: Cameroonian
ca: Canadian
cf: Central African
td: Chadian
cl: Chilean
cn: Chinese
co: Colombian
km: Comorian
cg: Congolese
cd: Congolese | DRC | DR Congo
cr: Costa Rican
ci: Ivorian
hr: Croatian
cu: Cuban
cy: Cypriot
cz: Czech
dk: Danish
dj: Djiboutian
dm: Dominican
do: Dominican
ec: Ecuadorian
eg: Egyptian
sv: Salvadoran
gq: Equatoguinean | Equatorial Guinean
er: Eritrean
ee: Estonian
sz: Swazi | Eswatini
et: Ethiopian
fj: Fijian
fi: Finnish
fr: French
ga: Gabonese
gm: Gambian
ge: Georgian
de: German
gh: Ghanaian
gr: Greek | Hellenic
gd: Grenadian
gt: Guatemalan
gn: Guinean
gw: Bissau-Guinean | Guinea-Bissau
gy: Guyanese
ht: Haitian
hn: Honduran
hu: Hungarian
is: Icelandic
in: Indian
id: Indonesian
ir: Iranian
iq: Iraqi
ie: Irish
il: Israeli
it: Italian
jm: Jamaican
jp: Japanese
jo: Jordanian
kz: Kazakh | Kazakhstani
ke: Kenyan
ki: Kiribati | I-Kiribati
kp: North Korean | DPRK
kr: South Korean | ROK
kw: Kuwaiti
kg: Kyrgyz
la: Lao | Laotian
lv: Latvian
lb: Lebanese
ls: Basotho | Lesotho
lr: Liberian
ly: Libyan
li: Liechtenstein | Liechtensteiner
lt: Lithuanian
lu: Luxembourgish | Luxembourg
mg: Malagasy
mw: Malawian
my: Malaysian
mv: Maldivian
ml: Malian
mt: Maltese
mh: Marshallese
mr: Mauritanian
mu: Mauritian
mx: Mexican
fm: Micronesian
md: Moldovan
mc: Monegasque
mn: Mongolian
me: Montenegrin
ma: Moroccan
mz: Mozambican
mm: Myanmar | Burmese
na: Namibian
nr: Nauruan
np: Nepali | Nepalese
nl: Dutch
nz: New Zealand
ni: Nicaraguan
ne: Nigerien
ng: Nigerian
mk: North Macedonian | Macedonian
no: Norwegian
om: Omani
pk: Pakistani | Pakistan
pw: Palauan
pa: Panamanian
pg: Papua New Guinean | PNG
py: Paraguayan
pe: Peruvian
ph: Philippine | Filipino
pl: Polish
pt: Portuguese
qa: Qatari
ro: Romanian
ru: Russian
rw: Rwandan
kn: Kittitian | Saint Kitts and Nevis
lc: Saint Lucian
vc: Vincentian
ws: Samoan
sm: Sammarinese
st: Santomean
sa: Saudi | Saudi Arabian
sn: Senegalese
rs: Serbian
sc: Seychellois
sl: Sierra Leonean
sg: Singaporean
sk: Slovak
si: Slovenian
sb: Solomon Islands
so: Somali
za: South African
ss: South Sudanese
es: Spanish
lk: Sri Lankan
sd: Sudanese
sr: Surinamese
se: Swedish
ch: Swiss
sy: Syrian
tj: Tajik
tz: Tanzanian
th: Thai
tl: Timorese | East Timorese
tg: Togolese
to: Tongan
tt: Trinidadian | Trinidad and Tobago
tn: Tunisian
tr: Turkish
tm: Turkmen
tv: Tuvaluan
ug: Ugandan
ua: Ukrainian
ae: Emirati | UAE
gb: British | UK
us: American | US | U.S.
uy: Uruguayan
uz: Uzbek
vu: Vanuatuan | Vanuatu
ve: Venezuelan
vn: Vietnamese
ye: Yemeni
zm: Zambian
zw: Zimbabwean
va: Vatican
ps: Palestinian
xk: Kosovar | Kosovan
tw: Taiwanese
"""
)

# name, name as used in a sentence ("the Gambia"), full official name: where rigour's
# choice does not suit a news text
NAMES = {
    "cd": ("DR Congo", "the Democratic Republic of the Congo", "Democratic Republic of the Congo"),
    "cg": ("Republic of the Congo", "the Republic of the Congo", "Republic of the Congo"),
    "ph": ("Philippines", "the Philippines", "Republic of the Philippines"),
    "mv": ("Maldives", "the Maldives", "Republic of Maldives"),
    "mh": ("Marshall Islands", "the Marshall Islands", "Republic of the Marshall Islands"),
    "nr": ("Nauru", "Nauru", "Republic of Nauru"),
    "tw": ("Taiwan", "Taiwan", "Republic of China"),
    "mm": ("Myanmar", "Myanmar", "Republic of the Union of Myanmar"),
    "af": ("Afghanistan", "Afghanistan", "Islamic Republic of Afghanistan"),
    "va": ("Holy See", "the Holy See", "Holy See"),
    "ps": ("Palestine", "Palestine", "State of Palestine"),
    "ie": ("Ireland", "Ireland", "Ireland"),
    "ga": ("Gabon", "Gabon", "Gabonese Republic"),
}

# other names of the state, as used in a sentence, for "Government of X" and "X government"
ALT_NAMES = _table(
    """
gb: the UK | Britain | Great Britain
us: the US | the U.S. | the USA
ae: the UAE
cd: the DRC | Congo-Kinshasa
cg: Congo-Brazzaville
tr: Turkey
cz: the Czech Republic
mk: Macedonia
sz: Swaziland
cv: Cabo Verde
ci: Ivory Coast
mm: Burma
tl: East Timor
va: the Vatican | Vatican City
kp: the DPRK
kr: the Republic of Korea | the ROK
ru: the Russian Federation
sy: the Syrian Arab Republic
la: the Lao PDR
"""
)

# Official names of the armed forces (the first is the canonical name), acronyms, and
# names in the state's own languages. States without armed forces get the force that
# stands in for them (coast guard, public force) or a generic "<demonym> Armed Forces".
FORCES = _table(
    """
af: Afghan Armed Forces | Afghan National Army | ANA | Afghan National Defense and Security Forces | ANDSF | ANSF
al: Albanian Armed Forces | Forcat e Armatosura të Shqipërisë
dz: People's National Army | Algerian People's National Army | ANP | Armée nationale populaire | الجيش الوطني الشعبي
ao: Angolan Armed Forces | FAA | Forças Armadas Angolanas
ag: Antigua and Barbuda Defence Force
ar: Argentine Armed Forces | Fuerzas Armadas de la República Argentina | Fuerzas Armadas argentinas
am: Armed Forces of Armenia | Armenian Armed Forces | Հայաստանի զինված ուժեր
au: Australian Defence Force | ADF
at: Austrian Armed Forces | Bundesheer | Österreichisches Bundesheer
az: Azerbaijani Armed Forces | Azərbaycan Silahlı Qüvvələri
bs: Royal Bahamas Defence Force | RBDF
bh: Bahrain Defence Force | BDF | قوة دفاع البحرين
bd: Bangladesh Armed Forces | Bangladesh Army
bb: Barbados Defence Force
by: Armed Forces of Belarus | Armed Forces of the Republic of Belarus | Вооружённые силы Республики Беларусь
be: Belgian Armed Forces | Belgian Defence
bz: Belize Defence Force
bj: Benin Armed Forces | Forces armées béninoises
bt: Royal Bhutan Army
bo: Bolivian Armed Forces | Fuerzas Armadas de Bolivia
ba: Armed Forces of Bosnia and Herzegovina | Oružane snage Bosne i Hercegovine
bw: Botswana Defence Force
br: Brazilian Armed Forces | Forças Armadas Brasileiras | Exército Brasileiro | Brazilian Army
bn: Royal Brunei Armed Forces
bg: Bulgarian Armed Forces | Bulgarian Army | Българска армия
bf: Armed Forces of Burkina Faso | Forces armées nationales du Burkina Faso
bi: National Defence Force of Burundi | FDNB | Force de défense nationale du Burundi
cv: Cape Verdean Armed Forces | Forças Armadas de Cabo Verde
kh: Royal Cambodian Armed Forces | RCAF
cm: Cameroon Armed Forces | Forces de défense du Cameroun
ca: Canadian Armed Forces | CAF | Forces armées canadiennes
cf: Central African Armed Forces | FACA | Forces armées centrafricaines
td: Chadian National Army | Armée nationale tchadienne | ANT
cl: Chilean Armed Forces | Fuerzas Armadas de Chile
cn: People's Liberation Army | PLA | Chinese People's Liberation Army | 中国人民解放军 | 解放军
co: Military Forces of Colombia | Fuerzas Militares de Colombia | Colombian National Army | Ejército Nacional de Colombia | Ejército Nacional
km: Comorian Armed Forces
cg: Congolese Armed Forces | Armed Forces of the Republic of the Congo | Forces armées congolaises
cd: Armed Forces of the Democratic Republic of the Congo | FARDC | Forces armées de la République démocratique du Congo | armée congolaise
cr: Public Force of Costa Rica | Fuerza Pública de Costa Rica
ci: Armed Forces of Côte d'Ivoire | FACI | Forces armées de Côte d'Ivoire
hr: Croatian Armed Forces | Oružane snage Republike Hrvatske
cu: Revolutionary Armed Forces of Cuba | Cuban Revolutionary Armed Forces | Fuerzas Armadas Revolucionarias
cy: Cyprus National Guard | National Guard of Cyprus | Εθνική Φρουρά
cz: Army of the Czech Republic | Czech Armed Forces | Armáda České republiky
dk: Danish Defence | Danish Armed Forces | Forsvaret
dj: Djibouti Armed Forces | Forces armées djiboutiennes | FAD
dm: Dominica Police Force
do: Armed Forces of the Dominican Republic | Fuerzas Armadas de la República Dominicana
ec: Armed Forces of Ecuador | Fuerzas Armadas del Ecuador
eg: Egyptian Armed Forces | Egyptian Army
sv: Armed Forces of El Salvador | Fuerza Armada de El Salvador
gq: Armed Forces of Equatorial Guinea
er: Eritrean Defence Forces | EDF
ee: Estonian Defence Forces | Kaitsevägi
sz: Umbutfo Eswatini Defence Force
et: Ethiopian National Defense Force | ENDF | Ethiopian National Defence Force
fj: Republic of Fiji Military Forces | RFMF
fi: Finnish Defence Forces | Puolustusvoimat
fr: French Armed Forces | Forces armées françaises | armée française
ga: Gabonese Armed Forces | Forces armées gabonaises
gm: Gambia Armed Forces
ge: Defence Forces of Georgia | Georgian Defence Forces | Georgian Armed Forces
de: Bundeswehr | German Armed Forces
gh: Ghana Armed Forces | GAF
gr: Hellenic Armed Forces | Ελληνικές Ένοπλες Δυνάμεις
gd: Royal Grenada Police Force
gt: Army of Guatemala | Guatemalan Army | Ejército de Guatemala
gn: Armed Forces of Guinea | Forces armées guinéennes
gw: Armed Forces of Guinea-Bissau | Forças Armadas da Guiné-Bissau
gy: Guyana Defence Force | GDF
ht: Armed Forces of Haiti | Forces armées d'Haïti | FAd'H
hn: Armed Forces of Honduras | Fuerzas Armadas de Honduras
hu: Hungarian Defence Forces | Magyar Honvédség
is: Icelandic Coast Guard | Landhelgisgæslan
in: Indian Armed Forces | Indian Army | भारतीय सशस्त्र सेनाएँ | भारतीय सेना
id: Indonesian National Armed Forces | TNI | Tentara Nasional Indonesia
ir: Islamic Republic of Iran Armed Forces | Iranian Armed Forces | Islamic Republic of Iran Army | Artesh | نیروهای مسلح جمهوری اسلامی ایران | ارتش جمهوری اسلامی ایران
iq: Iraqi Armed Forces | Iraqi Army | Iraqi Security Forces | ISF
ie: Defence Forces of Ireland | Irish Defence Forces | Óglaigh na hÉireann
il: Israel Defense Forces | IDF | Israel Defence Forces | Israeli Defense Forces | Tzahal | צבא ההגנה לישראל | צה״ל | جيش الدفاع الإسرائيلي | جيش الاحتلال الإسرائيلي
it: Italian Armed Forces | Forze armate italiane
jm: Jamaica Defence Force | JDF
jp: Japan Self-Defense Forces | JSDF | Self-Defense Forces | 自衛隊
jo: Jordan Armed Forces | JAF | Jordanian Armed Forces | Jordanian Arab Army | القوات المسلحة الأردنية - الجيش العربي
kz: Armed Forces of Kazakhstan | Armed Forces of the Republic of Kazakhstan
ke: Kenya Defence Forces | KDF
ki: Kiribati Police Service
kp: Korean People's Army | KPA | 조선인민군
kr: Republic of Korea Armed Forces | ROK Armed Forces | ROK military | 대한민국 국군 | 국군
kw: Kuwait Armed Forces | Kuwaiti Armed Forces
kg: Armed Forces of Kyrgyzstan | Armed Forces of the Kyrgyz Republic
la: Lao People's Armed Forces | Lao People's Army
lv: Latvian National Armed Forces | Nacionālie bruņotie spēki
lb: Lebanese Armed Forces | LAF | Lebanese Army | Armée libanaise | Forces armées libanaises
ls: Lesotho Defence Force | LDF
lr: Armed Forces of Liberia | AFL
ly: Libyan Armed Forces | Libyan Army
li: Liechtenstein National Police
lt: Lithuanian Armed Forces | Lietuvos kariuomenė
lu: Luxembourg Army | Armée luxembourgeoise
mg: Malagasy Armed Forces | Forces armées malgaches
mw: Malawi Defence Force | MDF
my: Malaysian Armed Forces | Angkatan Tentera Malaysia | ATM
mv: Maldives National Defence Force | MNDF
ml: Malian Armed Forces | FAMa | Forces armées maliennes | armée malienne
mt: Armed Forces of Malta | AFM
mh: Marshall Islands Police
mr: Mauritanian Armed Forces | Forces armées mauritaniennes
mu: Mauritius Police Force | Special Mobile Force
mx: Mexican Armed Forces | Fuerzas Armadas de México | Mexican Army | Ejército Mexicano | SEDENA
fm: Micronesian National Police
md: Armed Forces of Moldova | Armed Forces of the Republic of Moldova | Forțele Armate ale Republicii Moldova
mc: Compagnie des Carabiniers du Prince | Prince's Company of Carabiniers
mn: Mongolian Armed Forces
me: Armed Forces of Montenegro | Vojska Crne Gore
ma: Royal Moroccan Armed Forces | FAR | Forces armées royales | القوات المسلحة الملكية
mz: Armed Forces for the Defence of Mozambique | FADM | Forças Armadas de Defesa de Moçambique
mm: Myanmar Armed Forces | Tatmadaw | Sit-Tat | Myanmar military | တပ်မတော်
na: Namibian Defence Force
nr: Nauru Police Force
np: Nepali Army | Nepalese Army | नेपाली सेना
nl: Netherlands Armed Forces | Dutch Armed Forces | Krijgsmacht | Nederlandse krijgsmacht
nz: New Zealand Defence Force | NZDF
ni: Army of Nicaragua | Nicaraguan Army | Ejército de Nicaragua
ne: Nigerien Armed Forces | Forces armées nigériennes | FAN
ng: Nigerian Armed Forces | Nigerian Army | Armed Forces of Nigeria
mk: Army of North Macedonia | Army of the Republic of North Macedonia
no: Norwegian Armed Forces | Forsvaret
om: Sultan of Oman's Armed Forces | SAF | Royal Army of Oman | قوات السلطان المسلحة
pk: Pakistan Armed Forces | Pakistan Army | Pak Army | پاک فوج
pw: Palau Police
pa: Panamanian Public Forces | Fuerza Pública de Panamá
pg: Papua New Guinea Defence Force | PNGDF
py: Armed Forces of Paraguay | Fuerzas Armadas de Paraguay
pe: Armed Forces of Peru | Fuerzas Armadas del Perú | Peruvian Army | Ejército del Perú
ph: Armed Forces of the Philippines | AFP | Philippine Army
pl: Polish Armed Forces | Siły Zbrojne Rzeczypospolitej Polskiej | Wojsko Polskie
pt: Portuguese Armed Forces | Forças Armadas Portuguesas
qa: Qatar Armed Forces | Qatari Armed Forces | Qatari Emiri Armed Forces
ro: Romanian Armed Forces | Forțele Armate Române | Romanian Army
ru: Armed Forces of the Russian Federation | Russian Armed Forces | Вооружённые силы Российской Федерации | Вооруженные силы РФ | ВС РФ | Российская армия | російська армія | Збройні сили Російської Федерації
rw: Rwanda Defence Force | RDF | Forces rwandaises de défense
kn: Saint Kitts and Nevis Defence Force
lc: Royal Saint Lucia Police Force
vc: Royal Saint Vincent and the Grenadines Police Force
ws: Samoa Police Service
sm: Armed Forces of San Marino
st: Armed Forces of São Tomé and Príncipe
sa: Saudi Arabian Armed Forces | Saudi Armed Forces | Royal Saudi Land Forces
sn: Senegalese Armed Forces | Forces armées sénégalaises
rs: Serbian Armed Forces | Vojska Srbije | Војска Србије
sc: Seychelles Defence Forces
sl: Republic of Sierra Leone Armed Forces | RSLAF
sg: Singapore Armed Forces | SAF
sk: Armed Forces of the Slovak Republic | Slovak Armed Forces | Ozbrojené sily Slovenskej republiky
si: Slovenian Armed Forces | Slovenska vojska
sb: Royal Solomon Islands Police Force
so: Somali Armed Forces | Somali National Army | SNA | Ciidamada Xoogga Dalka Soomaaliyeed
za: South African National Defence Force | SANDF
ss: South Sudan People's Defence Forces | SSPDF | Sudan People's Liberation Army | SPLA
es: Spanish Armed Forces | Fuerzas Armadas de España | Fuerzas Armadas Españolas | Ejército español
lk: Sri Lanka Armed Forces | Sri Lanka Army
sd: Sudanese Armed Forces | SAF | Sudanese Army
sr: Suriname National Army | Nationaal Leger
se: Swedish Armed Forces | Försvarsmakten
ch: Swiss Armed Forces | Schweizer Armee | Armée suisse | Esercito svizzero
sy: Syrian Armed Forces | Syrian Arab Army | SAA | Syrian Arab Armed Forces | Syrian regime forces | Assad forces | الجيش العربي السوري | جيش النظام السوري
tj: Armed Forces of Tajikistan | Armed Forces of the Republic of Tajikistan
tz: Tanzania People's Defence Force | TPDF
th: Royal Thai Armed Forces | Royal Thai Army | กองทัพไทย
tl: Timor-Leste Defence Force | F-FDTL | FALINTIL-FDTL
tg: Togolese Armed Forces | Forces armées togolaises | FAT
to: Tonga Defence Services | His Majesty's Armed Forces of Tonga
tt: Trinidad and Tobago Defence Force | TTDF
tn: Tunisian Armed Forces | Tunisian Army
tr: Turkish Armed Forces | TAF | Türk Silahlı Kuvvetleri | TSK
tm: Armed Forces of Turkmenistan
tv: Tuvalu Police Force
ug: Uganda People's Defence Force | UPDF
ua: Armed Forces of Ukraine | AFU | ZSU | Ukrainian Armed Forces | Збройні сили України | ЗСУ | Вооружённые силы Украины | ВСУ
ae: United Arab Emirates Armed Forces | UAE Armed Forces | Emirati Armed Forces
gb: British Armed Forces | His Majesty's Armed Forces | HM Armed Forces | British Army
us: United States Armed Forces | US Armed Forces | U.S. Armed Forces | United States military | US Army | U.S. Army | United States Army
uy: Armed Forces of Uruguay | Fuerzas Armadas del Uruguay
uz: Armed Forces of Uzbekistan | Armed Forces of the Republic of Uzbekistan
vu: Vanuatu Mobile Force
ve: Bolivarian National Armed Forces | FANB | Fuerza Armada Nacional Bolivariana | Venezuelan Armed Forces
vn: People's Army of Vietnam | PAVN | Vietnam People's Army | Quân đội nhân dân Việt Nam
ye: Yemeni Armed Forces | Yemeni Army
zm: Zambia Defence Force | Zambian Army
zw: Zimbabwe Defence Forces | ZDF
va: Pontifical Swiss Guard | Swiss Guard | Guardia Svizzera Pontificia
ps: Palestinian Security Forces | Palestinian National Security Forces | PASF | قوات الأمن الفلسطينية | قوات الأمن الوطني الفلسطيني
xk: Kosovo Security Force | KSF | Forca e Sigurisë së Kosovës | FSK
tw: Republic of China Armed Forces | ROC Armed Forces | Taiwanese military | 中華民國國軍 | 國軍
"""
)

# More names of a government: official forms, names in the state's languages, and
# "regime" only where that word is the usual way the press names the government.
GOVERNMENT = _table(
    """
af: Government of the Islamic Republic of Afghanistan | Afghan National Unity Government
bd: বাংলাদেশ সরকার
by: Government of the Republic of Belarus | Правительство Республики Беларусь
ca: gouvernement du Canada
cd: gouvernement congolais | Gouvernement de la République démocratique du Congo
ch: Swiss Federal Council | Federal Council of Switzerland | Bundesrat | Conseil fédéral
cn: Central People's Government | 中华人民共和国政府 | 中国政府 | 中央人民政府 | State Council of the People's Republic of China
co: Gobierno de Colombia | gobierno colombiano
cu: Gobierno de Cuba | gobierno cubano
de: Federal Government of Germany | German Federal Government | Bundesregierung | deutsche Regierung
es: Gobierno de España | gobierno español
et: Federal Government of Ethiopia
fr: gouvernement français | Gouvernement de la République française
gb: His Majesty's Government | Her Majesty's Government | HM Government | HMG
gr: Ελληνική Κυβέρνηση
ht: gouvernement haïtien
il: ממשלת ישראל
in: भारत सरकार | Union government of India
id: Pemerintah Indonesia
ir: Iranian regime | Islamic Republic of Iran government | دولت جمهوری اسلامی ایران | دولت ایران | النظام الإيراني
it: Governo italiano | governo della Repubblica Italiana
jp: 日本政府
kp: North Korean regime
kr: 대한민국 정부
lb: gouvernement libanais
ly: Government of National Unity | GNU | Government of National Accord | GNA | حكومة الوحدة الوطنية | حكومة الوفاق الوطني
ml: gouvernement malien | Malian junta | Malian transitional government
mm: Myanmar junta | Burmese junta | Myanmar military government | State Administration Council | SAC
mx: Gobierno de México | gobierno mexicano
ne: National Council for the Safeguard of the Homeland | CNSP | Nigerien junta
ng: Federal Government of Nigeria | FGN
nl: Nederlandse regering
pk: حکومت پاکستان
pl: Rząd Rzeczypospolitej Polskiej | polski rząd
ps: Palestinian Authority | PA | Palestinian National Authority | PNA | السلطة الفلسطينية | السلطة الوطنية الفلسطينية | Government of the State of Palestine
ru: Правительство Российской Федерации | Правительство России | российское правительство | Russian Federation government
sd: Transitional Sovereignty Council | Sovereignty Council | مجلس السيادة الانتقالي | مجلس السيادة
so: Federal Government of Somalia | FGS | Dowladda Federaalka Soomaaliya
sy: Syrian regime | Assad regime | Assad government | النظام السوري | نظام الأسد
th: รัฐบาลไทย
tr: Türkiye Cumhuriyeti Hükümeti | Türk hükümeti | Turkish Republic government
tw: 中華民國政府 | Government of the Republic of China | ROC government
ua: Cabinet of Ministers of Ukraine | Уряд України | Кабінет Міністрів України | правительство Украины
us: United States Government | USG | US administration | U.S. administration | American administration | federal government of the United States | الإدارة الأمريكية
ve: Gobierno de Venezuela | gobierno venezolano | Gobierno Bolivariano de Venezuela
vn: Chính phủ Việt Nam
ye: Presidential Leadership Council | PLC | مجلس القيادة الرئاسي | Hadi government
"""
)

# Arabic adjective (masculine, with the article) for states often written about in
# Arabic; the feminine adds taa marbuta. Gives الحكومة السورية, الجيش السوري, ...
ARABIC = _table(
    """
sy: السوري
iq: العراقي
lb: اللبناني
jo: الأردني
eg: المصري
sa: السعودي
ye: اليمني
ly: الليبي
sd: السوداني
tn: التونسي
dz: الجزائري
ma: المغربي
mr: الموريتاني
ae: الإماراتي
qa: القطري
kw: الكويتي
bh: البحريني
om: العماني
ps: الفلسطيني
so: الصومالي
dj: الجيبوتي
km: القمري
il: الإسرائيلي
ir: الإيراني
tr: التركي
ru: الروسي
us: الأمريكي | الأميركي
gb: البريطاني
fr: الفرنسي
de: الألماني
it: الإيطالي
es: الإسباني
cn: الصيني
in: الهندي
jp: الياباني
ca: الكندي
ua: الأوكراني
af: الأفغاني
pk: الباكستاني
td: التشادي
er: الإريتري
et: الإثيوبي
ng: النيجيري
ke: الكيني
ug: الأوغندي
"""
)

# States without a standing army: their "military" actor is named "<demonym> security
# forces" and has the force that stands in for an army (police, coast guard) as an alias.
NO_ARMY = {"ad", "cr", "dm", "fm", "gd", "is", "ki", "lc", "li", "mh", "mu", "nr", "pa", "pw"}
NO_ARMY |= {"sb", "tv", "vc", "ws"}

# Hostilities between states (either direction is enough: are_adversaries looks both ways).
STATE_ADVERSARIES = """
rus ukr:2014-
arm aze:1991-
ind pak:1947-
isr irn:1979-
isr syr:1948-
isr egy:1948-1979
isr jor:1948-1994
usa irn:1979-
kor prk:1950-
chn twn:1949-
chn ind:1962
chn ind:2020
eth eri:1998-2018
sdn ssd:2012
irq irn:1980-1988
irq kwt:1990-1991
usa irq:1990-1991
usa irq:2003
gbr arg:1982
rus geo:2008
tha khm:2008-2011
tha khm:2025
rwa cod:1998-2003
uga cod:1998-2003
tur syr:2020
kgz tjk:2021-2022
"""


def _government_aliases(code: str, name: str, in_sentence: str, full: str) -> list[str]:
    aliases = [f"Government of {in_sentence}", f"{name} government"]
    for alt in ALT_NAMES.get(code, []):
        bare = alt.removeprefix("the ")
        aliases += [f"Government of {alt}", f"{bare} government"]
    if full and full not in (name, in_sentence):
        aliases.append(f"Government of the {full.removeprefix('The ')}")
    for adjective in ADJECTIVES[code]:
        aliases += [f"{adjective} government", f"{adjective} authorities"]
    aliases += GOVERNMENT.get(code, [])
    for arabic in ARABIC.get(code, []):
        aliases += [f"الحكومة {arabic}ة", f"السلطات {arabic}ة"]
    return aliases


def _military_aliases(code: str, name: str, in_sentence: str) -> list[str]:
    aliases = list(FORCES.get(code, []))
    aliases += [f"Armed Forces of {in_sentence}", f"{name} Armed Forces"]
    for adjective in ADJECTIVES[code]:
        for noun in ("armed forces", "army", "military", "forces", "troops", "security forces"):
            aliases.append(f"{adjective} {noun}")
    for arabic in ARABIC.get(code, []):
        aliases += [f"الجيش {arabic}", f"القوات المسلحة {arabic}ة", f"القوات {arabic}ة"]
    return aliases


def _unique(names: list[str], canonical: str) -> tuple[str, ...]:
    seen = {canonical.casefold()}
    out = []
    for alias in names:
        if alias.casefold() not in seen:
            seen.add(alias.casefold())
            out.append(alias)
    return tuple(out)


def build() -> list[Actor]:
    adversaries: dict[str, list[Adversary]] = {}
    for line in STATE_ADVERSARIES.strip().splitlines():
        first, second = line.split()
        adversary = parse_adversary(f"gov-{second}")
        adversaries.setdefault(f"gov-{first}", []).append(adversary)

    actors = []
    for code in sorted(ADJECTIVES, key=lambda c: get_territory(c).name):
        territory = get_territory(code)
        if territory is None or not territory.alpha3:
            raise SystemExit(f"rigour has no territory {code!r}")
        name, in_sentence, full = NAMES.get(
            code,
            (territory.name, territory.in_sentence or territory.name, territory.full_name or ""),
        )
        gov_id, mil_id = f"gov-{territory.alpha3}", f"mil-{territory.alpha3}"
        government = "Palestinian Authority" if code == "ps" else f"Government of {in_sentence}"
        adjective = ADJECTIVES[code][0]
        if code in NO_ARMY:
            forces = f"{adjective} security forces"
        else:
            forces = FORCES.get(code, [f"{adjective} Armed Forces"])[0]
        actors.append(
            Actor(
                id=gov_id,
                name=government,
                type="government",
                country=code,
                aliases=_unique(_government_aliases(code, name, in_sentence, full), government),
                parent=None,
                adversaries=tuple(adversaries.pop(gov_id, [])),
            )
        )
        actors.append(
            Actor(
                id=mil_id,
                name=forces,
                type="military",
                country=code,
                aliases=_unique(_military_aliases(code, name, in_sentence), forces),
                parent=gov_id,
                adversaries=(),
            )
        )
    if adversaries:
        raise SystemExit(f"adversaries for unknown states: {sorted(adversaries)}")
    return actors


def main() -> int:
    actors = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    write_actors_csv(actors, OUT)
    print(f"wrote {len(actors)} actors ({len(actors) // 2} states) to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
