#!/usr/bin/env python3
"""Accuracy of the extractor on a set of pages written blind, by someone who had not read it.

Each set is honest only until the extractor is changed to pass it; then it becomes a
regression test and the next set is the measurement. tests/fixtures/holdout/ (36 pages)
measured 31/36 before any fix; tests/fixtures/holdout2/ (64 pages) measured 57/64 (89.1 %),
5 of the 7 misses prices invented on pages that show none; tests/fixtures/holdout3/ (64 pages,
written after the fixes for holdout2) measured 63/64 (98.4 %), the miss a price read off a
buying guide's title; tests/fixtures/holdout4/ (48 pages, 16 without a price) measured 43/48
(89.6 %): 3 prices invented on the 16 no-price pages, a stale microdata price, a forint price
unread; tests/fixtures/holdout5/ (48 pages, 10 without a price) measured 45/48 (93.8 %): no price
invented on a no-price page, but a quantity-break price, an EU 30-day-lowest note and a split
price without a currency sign; tests/fixtures/holdout6/ (40 pages, 8 without a price) measured
38/40 (95.0 %; 37/40 with the GBP default currency the writer first put on every shop): a Wix
regular price labelled after its amount, a price invented on a quote configurator.
tests/fixtures/holdout7/ (60 pages, 14 without a price) measured 55/60 (91.7 %): JSON-LD and
microdata left at the pre-sale price (shown only as the was price), a second JSON-LD block lost
(its objects reused the ids of the first's), a Shopware quantity-break table of offers, and a price
invented on a sold-out page that hides it. tests/fixtures/holdout8/ (40 pages, 9 without a price,
written at the same time by another writer, measured after the holdout7 fixes) measured 33/40
(82.5 %): structured data at a price the page does not show (stale SEO-app JSON-LD, RDFa left from
before a price rise, microdata and JSON-LD holding the price without VAT) in five, the lowest
variant of an AggregateOffer over the selected one, and a price invented on a "see price in cart"
page. tests/fixtures/holdout9/ (40 pages, 8 without a price, written after the holdout8 fixes)
measured 36/40 (90.0 %): an AggregateOffer's lowest price (another seller's; a gift card's smallest
amount) over the single price the page shows, a discontinued product's old price, and a variable
product whose preselected size is priced only in its variation data. tests/fixtures/holdout10/
(40 pages, 8 without a price, written at the same time as holdout9) measured 36/40 (90.0 %): a
trade price leaked into JSON-LD on a "Login to view prices" page, a price invented on a Magento
"See price before order confirmation" page, a Shopware graduated-price table under an
AggregateOffer, and a WooCommerce variable product's preselected variation. tests/fixtures/holdout12/ (40 pages, 8 without a price,
written after the holdout10 fixes) measured 37/40 (92.5 %), no price invented: JSON-LD in USD on a
Canadian shop, NT$ (Taiwan dollars, then unknown), and an AggregateOffer's low over a marketplace's
buy box drawn without a currency sign. tests/fixtures/holdout11/ (40 pages, 8 without a price,
written at the same time as holdout12 and measured after its fixes) measured 39/40 (97.5 %), no
price invented: microdata holding Magento's price without VAT. tests/fixtures/holdout13/ and holdout14/ (40 pages each,
8 without a price in each, written after every fix above) measured 37/40 and 40/40 (77/80,
96.3 %), no price invented on their 16 pages without one: holdout13's misses are a Shopware
graduated-price table under a JSON-LD AggregateOffer (its low taken), a Swedish club price taken
over the regular one, and a marketplace's used offer taken where its buy box shows "24" + "99"
with no currency sign (fixed since: member / club prices and "other sellers" blocks are not the
price; a graduated table's first row beats an AggregateOffer's low). tests/fixtures/holdout15/ and holdout16/ (40 pages each, 8 without a price in each, written
after the holdout13 fixes) measured 38/40 and 37/40 (75/80, 93.8 %) and invented a price on 3 of
their 16 pages without one: an ended eBay listing's approximate conversion, a "See price in cart"
page whose Shopify variant data holds the price (both fixed since, with the listing's "ended"
wording), a no-variant-chosen page whose JSON-LD holds a price; still wrong: a Shopware tier
table whose JSON-LD gives the 3+ price, and Squarespace prices without a currency sign under
stale JSON-LD. The ten blind sets since holdout7 read 388 of 420 pages right at first reading
(92.4 %, against a target of 97 %) and invented a price on 8 of their 87 pages without one.
tests/fixtures/holdout17/ to holdout20/ (40 pages each, 8 without a price in each, written at the
same time by four writers, each given other platforms and locales, measured at e1679c3) measured
38/40, 37/40, 34/40 and 36/40 (145/160, 90.6 %) and invented a price on 4 of their 32 pages
without one: a category page's shipping banner and a listing of 24 cards (no Product, an ItemList),
a discontinued product's replacement price, a sold-out page's price box hidden with display:none,
markup at a price without VAT or GST ("HT", "excl. GST", 税別) beside the price with it, a first
variant's price kept in a <template>, "R 12 999" (rand), "89,000원", "39,00 lei", "US $45.99" read as
pesos, a price without any currency sign, and a price block whose class held "reco-" (preco-atual).
All fixed since. tests/fixtures/holdout21/ to holdout24/ (40 pages each, 8 without a price in each,
four more writers, measured at 58190f3, after those fixes) measured 38/40, 37/40, 38/40 and 38/40
(151/160, 94.4 %) and invented a price on 1 of their 32 pages without one (a Wix carousel under an
Italian "Potrebbe interessarti anche"): WooCommerce's screen-reader "Ursprünglicher Preis war" /
"Původní cena byla" beside stale JSON-LD, a variable product whose extra select no variation names,
a Subscribe & Save option not chosen, "+ GST" after the bigger figure, a Chinese buy link and a
goods_name title, an Afterpay line read as the price, and a unit price "per opzetborstel" above a
price drawn without a currency sign (holdout23/page-24, still wrong). tests/fixtures/holdout25/ to
holdout28/ (40 pages each, 8 without a price in each, four more writers on grocery / DIY, fashion and
beauty, electronics specialists, and refurbished / sports / furniture shops, measured at caf57db)
measured 37/40, 39/40, 38/40 and 37/40 (151/160, 94.4 %) and invented no price on their 32 pages
without one: Clubcard / Advantage Card / IKEA family prices taken over the regular one, a "/each"
price read as a unit price, "£12.00 / 300g" read as a unit price, an AggregateOffer whose top was the
buy box (the cheaper offers used), "4.999,-" without a currency sign, Bulgarian lev (лв.) and the
euro shown beside it, Greek instalments and delivery, and a recently-viewed strip's microdata before
the product. All fixed since. Over the twelve sets of this round (holdout17 to holdout28, 480 pages,
each set measured once on the extractor as it stood) 447 were right at first reading (93.1 %), and 5
prices were invented on 96 pages without one; the last eight sets read 302/320 (94.4 %) with 1
invented. tests/fixtures/holdout29/ to holdout32/ (four more writers: small Shopify / WooCommerce
brands, big European retailers, Magento / Shopware / PrestaShop / SFCC B2B and B2C, Asian and Latin
American marketplaces; measured at ff9825d) measured 38/40, 37/40, 39/40 and 36/40 (150/160,
93.8 %) and invented a price on 3 of their 32 pages without one (a Shopware category page with only
breadcrumb markup, a Thai sold-out page, "Precio: consultar"). Fixed since: store-card and club
prices in Spanish and Portuguese, "Leve 3, pague", "Precio: consultar". Still wrong and marked:
holdout29/page-31 and page-40, holdout30/page-15, page-29 and page-38, holdout31/page-15,
holdout32/page-16. Sixteen sets this way (holdout17 to holdout32, 640 pages): 597 right at first
reading (93.3 %), 8 prices invented on 128 pages without one; the target is 97 %.
tests/fixtures/holdout33/ to holdout36/ (four more writers: Shopify and WooCommerce in North America;
Magento, PrestaShop, Shopware, JTL and OXID in Central Europe; BigCommerce, SFCC, headless, Wix,
Squarespace and Ecwid in the UK, Ireland, Australia and the Low Countries; marketplaces and big
retailers; each measured when it arrived, at 81dd813, ca4d3c9, 59c9757 and d4047c6) measured 38/40,
32/40, 37/40 and 37/40 (144/160, 90.0 %) and invented a price on 8 of their 32 pages without one:
five on the Central European set, whose "price on request", "log in to see prices" and "see the
price in the cart" were in languages the extractor did not know, one from a listing's price filter,
one from a review, one from a Danish promo threshold. Also wrong: Turkish lira written TL, "$64.00
CAD" read as US dollars, an unselected listbox option's surcharge, a Wix price named only in
data-hook, a Slovak net price labelled by the gross price's label, the 30-day note in Slovak, a
microdata AggregateOffer over a tier table, WooCommerce's French was sentence, holdout29/page-40's
"1 $45.99" quantity cell, and holdout30/page-38's sold-out page showing "5 490,-". All fixed since.
Twenty sets this way (holdout17 to holdout36, 800 pages): 741 right at first reading (92.6 %), 16
prices invented on 160 pages without one. tests/fixtures/holdout37/ (Shopify and WooCommerce in
Germany, Austria and Switzerland, French and Italian Switzerland; measured at d61af66) read 39/40
(a members' price marked two levels up); tests/fixtures/holdout39/ (Asia-Pacific and South Africa:
lakh grouping, S$, R, ₱, RM, Rp, ₫; measured at f2145d3) read 36/40 and invented a price on 3 of
its 8 pages without one (a Vietnamese listing's "Giảm đến" banner, a Malay "coming soon" page
whose sentence says the price will be announced, an Australian quote-only benchtop), and read a
Singapore price before GST. The banner and the GST label are fixed; the Malay and the quote-only
pages are still wrong and marked. tests/fixtures/holdout38/ (Magento, PrestaShop, OpenCart,
Shopware, Shoptet, Gambio and UNAS in Czech, Hungarian, Romanian, Greek, Bulgarian, Lithuanian and
Latvian; measured at 5386da1) read 35/40 and invented a price on 2 of its 8 pages without one
("Ár kérésre", a Bulgarian "coming soon"); its five misses are marked, not yet fixed (Hungarian and
Cyrillic statements have no long ASCII literal for elements_holding's pruning). tests/fixtures/holdout40/
(big-box retailers and marketplaces in the US, UK, Germany, France, Australia, Spain and Italy;
measured at 793cd81) read 36/40 and invented a price on 1 of its 8 pages without one (a "Request a
Free Quote" page); fixed since: "Precio con IVA. Precio sin IVA: ..." (the label beside the amount
outranks the rest of its element); still marked: a stale JSON-LD beside a RedCard price, a book's
other formats listed first, the quote page. Over the 24 sets (960 pages): 887 right at first reading
(92.4 %), 22 prices invented on 192 pages without one. tests/fixtures/holdout41/ to holdout46/ (six
writers, regions and kinds the extractor had seen little of: Nordic shops; Latin America and Iberia;
East and South Asia in their own scripts; Turkey, the Gulf, Egypt and Eastern Europe; headless
storefronts with utility classes; specialist and B2B shops) read 36/40, 33/40, 28/40, 30/40, 37/40
and 31/40 (195/240, 81.3 %; measured at 9aa58a9, 9aa58a9, da5d8bb, 9aa58a9, 9aa58a9 and ee76c40)
and invented a price on 7 of their 49 pages without one (hire-only and trade-only pages, a compare
page, Japanese and Spanish "log in for the trade price", an out-of-print book, a Serbian "no longer
offered"). The rest: currencies it did not know (S/, KM, din., ريال, د.إ, บาท, đ, U$S, ",-"),
Eastern Arabic and full-width digits, prices without VAT shown first (税別, KDV hariç, "+ IVA", "sin
impuestos nacionales", an RS-style "£12.34 / £14.81 Each (inc. VAT)"), coupon, PLUS and Premium
members' prices, Chinese instalments ("×12期"), a mix-six price in JSON-LD, a Magento oldPrice under
a final-price class, Tailwind's align-super cents and "text-xl-semi" read as an EMI figure, and
WooCommerce's shipping-taxable product class read as a shipping mark. All fixed since but three
(marked): a Shopee range struck only by an obfuscated class, a Vietnamese variant priced only in
an option's label, a Ukrainian old price shown small without a strike. Over the 30 sets measured
this way (1,200 pages): 1,082 right at first reading (90.2 %), 29 prices invented on 241 pages
without one. tests/fixtures/holdout47/ to holdout52/ (six more writers, written after those fixes:
Shopify themes; WooCommerce themes; Magento, PrestaShop, Shopware, JTL and others; BigCommerce,
Squarespace, Wix, SFCC and other SaaS; marketplaces and big-box retailers; mixed categories in
less-covered locales; measured at 61665a4, fecac06, d36cd8f, fa46f75, fa46f75 and 826e002) read
35/40, 36/40, 37/40, 37/40, 34/40 and 35/40 (214/240, 89.2 %) and invented a price on 12 of their 48
pages without one: a hidden-price app's page, trade and "coming soon" pages whose markup keeps a
price, basket and category pages, an eBay auction's bid, Amazon's "add to basket to see our price"
and used offers, a donation page's suggested amounts, a discontinued book, "Price TBC". Also wrong:
net prices in markup beside a gross one shown with its VAT rate, an instant saving, an EHF fee, a
Magento grouped table, a volume-price table, a Buy-It-Now beside a bid. Fixed since but five
(marked). Over the 36 sets measured this way (1,440 pages): 1,296 right at first reading (90.0 %),
41 prices invented on 289 pages without one. tests/fixtures/holdout53/ to holdout56/ (four more
writers, written after those fixes: Shopify and WooCommerce in Southern, Central and Northern
Europe; Magento, PrestaShop, Shopware, OpenCart and SFCC in Western Europe and the US; big chain
retailers; hand-made and legacy shops - table layouts, osCommerce, Zen Cart, VirtueMart, PayPal
buttons; measured at a59a0a4, 51d6b95, 172ec9e and 254c79b) read 37/40, 39/40, 36/40 and 28/40
(140/160, 87.5 %) and invented a price on 8 of their 32 pages without one, 5 of them on the legacy
set (a basket, a category page, "Inloggen voor prijs", a French launch note, a Zen Cart index).
Fixed since but six (marked). The six sets on the common platforms' own shops (holdout47 to
holdout50, holdout53, holdout54) read 221/240 (92.1 %). Over the 40 sets measured this way (1,600
pages): 1,436 right at first reading (89.8 %), 49 prices invented on 321 pages without one.
tests/fixtures/holdout57/ to holdout68/ (twelve writers, all on the common platforms: Shopify themes;
WooCommerce; Magento 2 and PrestaShop; BigCommerce, Shopware 6, OpenCart, SFCC, Wix, Squarespace,
Ecwid and Lightspeed; marketplaces and big-box retailers; power-station and outdoor retailers;
shops in non-English Europe; brands' own headless stores; Shopify outside the English-speaking
world; Nordic and Central-Eastern European platforms; North American and Australasian mid-market
shops; UK and Irish retail; each measured once when it arrived, at 73957bd, 906b354, 9cd4492,
9c84c77, da1ac72, 31d102e, 7af7148, 906b354, ae449bd, 8f88394, 7ade262 and 05a4579) read 39, 38,
40, 40, 37, 39, 39, 38, 39, 39, 39 and 39 of 40 (466/480, 97.1 %) and invented a price on 6 of
their 98 pages without one (an ended eBay listing's postage, a basket headed "Winkelwagentje", a
partner's refurbished offer beside a discontinued product, a discontinued Shopify product whose old
price was another card's compare-at price, a WordPress 404 page's product grid, a collection page's
price filter). Also wrong: an AggregateOffer's used low beside its own listed offer, JSON-LD holding
compare-at prices, a configurator's "Total", a WooCommerce grouped product's inverted ListPrice,
"pro Kilogramm", a Shopify Markets view in francs, a loyalty price named after its scheme, Shoptet's
hidden variant prices. All fixed since. Three more writers, after those fixes (holdout69: Shopify
stores and page builders; holdout70: WooCommerce of every size and theme; holdout72: hosted
platforms other than Shopify; measured at 8951d0f, e1b9e98 and 488a484) read 40/40, 40/40 and 38/40
and invented a price on 1 of their 25 pages without one (a French "Prix annoncé au lancement"; the
other miss was a page whose writer's generator had put non-breaking spaces inside its tags,
repaired since). tests/fixtures/holdout71/ (Magento 2, Shopware 5 and 6, PrestaShop 1.6 to 8, OpenCart; measured
at 61bbddb) read 40/40. The last three (holdout73: a mixed sample of the common platforms;
holdout74: national retailers on enterprise platforms; holdout75: small independent shops;
measured at f96173d, 6326d53 and f96173d) read 39/40, 39/40 and 40/40, no price invented: a net
price in JSON-LD beside a gross one whose digits hold it ("181,50" holds "150"), a radio's label
that names its input by for=. Fixed since. These nineteen sets: 742 of 760 right at first reading
(97.6 %), 7 prices invented on 155 pages without one. Over the common platforms' own shops
measured this way (holdout47 to holdout50, holdout53, holdout54, holdout57 to holdout75; 1,000
pages): 963 right at first reading (96.3 %). Over all 59 sets: 2,178 of 2,360 (92.3 %), 56 prices
invented on 476 pages without one.
tests/fixtures/holdout76/ to holdout93/ (eighteen writers, all on the common platforms, most sets with 10 or 12 of
their 40 pages without a price; each measured once when it arrived) read, in three batches:
holdout76 Shopify themes 38/40 (0 of 12 no-price pages given a price, at 57731ff), holdout77 WooCommerce 38/40 (1/12,
0cff08b), holdout78 Magento, Shopware, PrestaShop, OpenCart, JTL, Gambio 38/40 (1/12, 02fe5b3), holdout79 BigCommerce,
Squarespace, Wix, SFCC, headless 40/40 (0/12, 71943e9), holdout80 power tools, electronics, marketplaces 38/40 (2/10,
2d2a3fb), holdout81 small shops in Japan, the Nordics, Switzerland and elsewhere 39/40 (0/10, 72ed6e5): 231/240;
holdout82 Shopify themes and apps 39/40 (1/12), holdout83 WooCommerce and Magento electronics and solar in the Benelux
and Central Europe 39/40 (0/12), holdout85 big retailers' storefronts 38/40 (0/12), holdout86 hosted and headless
platforms 39/40 (0/12), all at c268464; holdout84 PrestaShop, Shopware, OpenCart, osCommerce, Zen Cart in southern and
central Europe 36/40 (1/12) and holdout87 brand and outdoor shops 39/40 (1/12), at 52068d8: 230/240; after a review of
the new rules and its mends, holdout88 Shopify 39/40 (0/10), holdout89 WooCommerce 39/40 (0/10), holdout90 Magento,
Shopware, PrestaShop, SFCC in the north and west of Europe 39/40 (1/10), holdout92 power-station and solar shops 40/40
(0/10), at cace85a; holdout91 hosted platforms and marketplaces 40/40 (0/10, a5ccfd2); holdout93 the common platforms
in Central and Eastern Europe, Greece, Turkey 39/40 (0/10, f2b51b1): 236/240. The eighteen: 697 of 720 right at first
reading (96.8 %), 8 prices invented on 200 pages without one (4.0 %); the last six 98.3 %, 1 of 60. Misses, fixed
since: ended Polish listings and auctions, a store-only price, a price not yet set, "pricing revealed on drop day", a
made-to-measure price, a closed cart drawer's items, an OpenCart page whose related heading sat in the product's block,
a Shopware 404 with no not-found class, a stale JSON-LD price shown only as the lowest of 30 days, a net JSON-LD price
(27 % VAT, rounded), "/ Stück" prices, osCommerce's price h1, Volusion's image button and class-less layout, Avada's
"product-grid-view", a WooCommerce add-to-cart script taken for the button, Greek call-for-price, a Turkish
bank-transfer price. Still wrong: holdout88/page-34, a stale JSON-LD listing four variants none of which is shown
(the extractor says it cannot tell).
Twelve more writers after those fixes (10 of 40 pages without a price in most): holdout94 Shopify and WooCommerce in
the UK, IE, US, CA 40/40 (0/10, at eaf7f5e), holdout95 Magento, Shopware, PrestaShop, JTL, Gambio, OXID, plentymarkets
in DACH 39/40 (0/10, a1dbaaa), holdout96 FR, BE, NL, LU, ES, PT, IT 39/40 (0/10) and holdout97 the Nordics 39/40 (0/10,
both at 349929e), holdout98 enterprise and big-retailer storefronts 38/40 (0/10, b518e3c), holdout99 small shops in
Central Europe, Greece and Asia 38/40 (2/10, a62e191): 233/240; holdout100 Shopify in continental Europe 39/40 (0/10)
and holdout103 hosted and custom storefronts 40/40 (0/10, both at 1a1f96b), holdout101 WooCommerce in the US, UK, AU,
ZA, IN, BR 40/40 (0/10, c617e59), holdout102 power and camping electrics on Magento, Shopware, PrestaShop 38/40 (0/10,
ded25a8), holdout104 marketplaces and big-box pages 39/40 (0/10, 63df62b), holdout105 an ordinary mixed sample 39/40
(0/8, 483ff8f): 235/240. Misses, fixed since: buy boxes laid out as asides, a Swedish ':-' read as a minus, PrestaShop's
"HT" a block after the price, Greek and Korean not-found and price-on-request pages, a quantity table's prices a
piece, a was label after the was price ("1.199,- Adviesprijs 1.049,-"), JSON-LD variants settled by the page's
microdata offer, a B-grade offer, a Turkish instalment table. Still wrong: holdout100/page-13, a Shopify Markets view in
pounds over JSON-LD in the shop's euros (the extractor keeps the shop's own price). The thirty sets of this session
(holdout76 to holdout105, 1,200 pages): 1,165 right at first reading (97.1 %), 10 prices invented on 318 pages without
one (3.1 %); the eighteen measured after the first review of the session's rules (holdout88 to holdout105): 704 of 720
(97.8 %), 3 of 178 invented.
Six more after a third review's mends (8 of 40 pages without a price each): holdout106 Shopify in North America, the UK
and Australia 40/40 (0/8, at 5a8a133), holdout107 WooCommerce in continental Europe 40/40 (0/8) and holdout109
BigCommerce, Wix, Squarespace, Ecwid, OpenCart and custom storefronts 36/40 (0/8; four Ecwid pages read no price),
both at 30ca0c3, holdout108 Magento, Shopware, PrestaShop across Europe 39/40 (0/8, ab99b22), holdout110 national
chains and marketplaces 38/40 (1/8: a Taiwanese product "taken off the shelf", ab66984), holdout111 an ordinary mixed
sample 39/40 (0/8, b083f6f): 232/240. Fixed since: Ecwid's layout modifier and title class, the Taiwanese statement,
an AggregateOffer's low from a return or a marketplace seller, a lira sign glued to its amount. Still wrong:
holdout108/page-23 (a Shopware ProductGroup's variant told only by the selected swatch) and holdout111/page-25 (an
OpenCart instalment table's totals). The thirty-six sets of this session (holdout76 to holdout111, 1,440 pages): 1,397
right at first reading (97.0 %), 11 prices invented on 366 pages without one (3.0 %); the twenty-four measured after
the first review (holdout88 to holdout111, 960 pages): 936 (97.5 %), 4 of 226 invented (1.8 %).
Ninth session, six writers, all measured at e2d060a: holdout112 Shopify, WooCommerce, Magento, PrestaShop, Shopware and
BigCommerce in eight languages, made hard (18 of 40 pages without a price, each full of other prices) 34/40 (5/18
invented: a "Preis nach Anmeldung sichtbar" page's voucher, a sold-out page's other colours, "Quote only", a buying
guide, a WooCommerce outlet grid under "Logga in för att se pris"; and a stale JSON-LD price shown as the was price and
the 30-day low), holdout113 marketplaces and big retailers, as hard (18/40 without) 39/40 (1/18: an Amazon twister's
unchosen size), holdout114 Europe's common platforms 39/40 (1/10: "Preise nur für registrierte Geschäftskunden"),
holdout115 English-speaking markets 36/40 (3/10: a replacement's callout, a 404's "point per $1", a coming-soon page's
trade-in bonus; and a rewards price), holdout116 fashion, beauty, home and grocery variants 40/40 (0/10), holdout117
Asia, Latin America and the Middle East 38/40 (0/11; JD's "每满2000元减100元" and Tmall's split range): 226/240 (94.2 %),
10 prices invented on 77 pages without one. All fixed since, with a review's 16 no-price pages and 3 priced ones.
Three more writers after those fixes, measured at 982f9cc: holdout118 the common platforms worldwide, made hard (15 of 40
without a price) 35/40 (5/15 invented: a sold-out record's postage, a B2B page's workshop service, a coming-soon page's
shipping, a kitchen configurator's measuring fee, a sold-out mower's accessory), holdout119 an ordinary worldwide mix
37/40 (0/10; Flipkart's other storage option in brackets, JD's trade-in "可抵", Trendyol's prc-org was price),
holdout120 marketplaces and chains, as hard (15/40) 36/40 (3/15: OTTO's services list, a Target search page, Amazon's
"newer model" block; and a Lidl Plus app price): 108/120 (90.0 %), 8 prices invented on 40 pages without one. Fixed
since but holdout119/page-14.
Four more after those fixes and a second review's 17 no-price pages, measured at 15baa2e: holdout121 the common
platforms in Europe and North America, made hard (15/40 without a price) 36/40 (3/15 invented: a discontinued bike's
parts list, a Quebec "Prix sur soumission" page's samples, a sold-out set's matching cover; and a Polish "2 lub więcej:"
row), holdout122 marketplaces and chains, as hard 38/40 (0/15; a stale Currys JSON-LD price also shown in a card, JD's
gift "价值¥149"), holdout123 Europe's common platforms 39/40 (0/10; "5 ou plus"), holdout124 the Americas, Asia-Pacific,
the Middle East and Africa 38/40 (0/10; JD's version tiles, a stale VTEX JSON-LD price also shown in a card): 151/160
(94.4 %), 3 prices invented on 50 pages without one. Fixed since but holdout122/page-07, holdout124/page-29 and
holdout124/page-38.
A review then built 25 priced pages the session's new rules misread (24 mended). The session's last four writers,
measured at 15edc09: holdout125 the common platforms in Europe and North America, made hard (15/40 without a price)
38/40 (2/15 invented: a Wix quote page's worktop prices, an in-store-only bike's fitting fee), holdout126 marketplaces
and chains, as hard 34/40 (3/15: a kitchen planner's survey fee, an unavailable Amazon item's other colour, a Tokopedia
category's "Rp1 jt" filter; and Ozon's card price, JD's service plan, a Greek OpenCart's stale JSON-LD), holdout127 an
ordinary worldwide mix 38/40 (0/11; a stale JSON-LD price, a Korean page read as having none), holdout128 fashion, home,
beauty, electronics, DIY and grocery 39/40 (0/10; a Polish extended warranty): 149/160 (93.1 %), 5 prices invented on
51 pages without one. Fixed since but five (known misses). The ninth session's seventeen sets (holdout112 to
holdout128, 680 pages, 218 of them without a price, eight sets made hard on purpose): 634 right at first reading
(93.2 %), 26 prices invented on the 218 pages without one (11.9 %); the four measured last, 5 of 51.
Three more after the rules review, measured at d8dbedd: holdout130 marketplaces and chains in Europe, the Americas and
Asia, made hard (15/40 without a price) 32/40 (6/15 invented: an Amazon JP page with only other sellers' offers, a Best
Buy 404 titled "the page you requested can't be found", Nintendo's "価格 未定", OTTO's discontinued washer's service
offers, Leroy Merlin's "Prix : Sur devis" kitchen, a Gmarket listing whose sale ended), holdout131 Europe's common
platforms 40/40 (0/10), holdout132 the Americas, Asia-Pacific, the Middle East and Africa 36/40 (0/11; Ticimax's
"Piyasa Fiyatı", Falabella's CMR card price, Jumia's struck price, Flipkart's special price): 108/120, 6 of 36 invented.
Fixed since but four. The last, holdout129 (the common platforms worldwide, made hard: 15/40 without a price; measured
at e9eb810) read 39/40 and invented no price (its miss, an OpenCart taksit table's total, fixed since). The session's
twenty-one sets (holdout112 to holdout132, 840 pages, 269 without a price): 781 right at first reading (93.0 %); 544 of
the 571 pages with a price (95.3 %); 32 prices invented on the 269 without one (11.9 %): 4 of 113 on the eleven
ordinary sets, 28 of 156 on the ten made hard.
The next session's sets, each measured once at the commit named, before any fix for it: holdout133 (European
mid-market platforms, e221289) 39/40 (1 price invented on 9 pages without one), holdout136 (the Middle East, Africa,
Turkey, Eastern Europe and the Nordics, made hard, 54bb206) 35/40 (3/16), holdout135 (specialist and B2B shops, made
hard, 326d62e) 35/40 (3/16), holdout134 (the Americas and Asia-Pacific, 28f8129) 36/40 (3/9); then, after a review of
those fixes (38 priced pages they misread, tests/fixtures/review12), at 4bb1a37: holdout137 (the UK and Ireland) 40/40
(0/9), holdout138 (DACH, Benelux, France, made hard) 40/40 (0/16), holdout139 (Southern Europe and Latin America)
36/40 (2/9), holdout140 (Asia and Oceania, made hard) 31/40 (4/16). The eight: 292 of 320 right at first reading
(91.3 %); 208 of the 220 pages with a price (94.5 %); 16 prices invented on the 100 without one (6 of 36 on the four
ordinary sets, 10 of 64 on the four made hard). Fixed since but three (holdout135/page-30, holdout140/page-03 and
page-38). After a second review (31 priced pages the fixes misread, tests/fixtures/review13), at ca41e11: holdout141
(Shopify themes worldwide) 37/40 (2/9), holdout142 (WooCommerce and Magento worldwide, made hard) 40/40 (0/16),
holdout143 (marketplaces and big-box) 38/40 (2/9), holdout144 (a world mix of shop kinds, made hard) 36/40 (2/16):
151 of 160, 107 of the 110 priced pages, 6 prices invented on 50. Fixed since but one (holdout141/page-38). After a
third review (17 pages, tests/fixtures/review14): holdout145 (North America, 6d9179e) 35/40 (1/9), holdout146 (Central
and Eastern Europe, made hard, b588420) 32/40 (6/16), holdout147 (specialist and hobby shops, c2ce5d2) 37/40 (3/9),
holdout148 (markup that disagrees with the page, made hard, 6d9179e) 28/40 (5/16): 132 of 160, 98 of 110 priced, 15
invented on 50; 18 of their pages stay known misses. The session's sixteen sets (holdout133 to holdout148, 640 pages,
200 without a price): 575 right at first reading (89.8 %); 413 of the 440 priced pages (93.9 %); 37 prices invented
on the 200 without one (18.5 %: 14 of 72 on the eight ordinary sets, 23 of 128 on the eight made hard).
A fourth review then withdrew or narrowed the rules behind 27 priced pages misread (tests/fixtures/review15), and
four last sets were measured at 1975940 and left unfixed, their misses kept as known: holdout149 (the common
platforms) 37/40 (2/9), holdout150 (the same, made hard) 38/40 (2/16), holdout151 (electronics, appliances, DIY)
39/40 (1/9), holdout152 (fashion, beauty, home, made hard) 34/40 (4/16): 148 of 160 right (92.5 %), 107 of the 110
priced pages (97.3 %), 9 prices invented on the 50 pages without one (18 %).
Next session, after exact CPU work and six statement fixes (d26677b): holdout154 (US, UK, Canada, Australia on the
big platforms) 40/40 (0/10), holdout155 (Asia, Latin America, Turkey, the Gulf, Africa) 36/40 (3/10), holdout156
(pages without a price full of other prices, made hard) 35/40 (4/16), holdout153 (Central and Northern Europe's
mid-size shops) 38/40 (0/10): 149 of 160 right (93.1 %), 110 of the 114 priced pages (96.5 %), 7 prices invented on
the 46 pages without one (15.2 %); their 11 misses are kept as known misses.
The session after, four more (each measured before any fix for it): holdout157 (Southern and Eastern Europe,
Turkey) 37/40 (2/12) and holdout158 (Asia-Pacific) 36/40 (1/12) and holdout159 (the Americas, the Nordics) 36/40
(3/12) at 73a7483, holdout160 (made hard) 37/40 (2/12) at 62993ac: 146 of 160 right (91.3 %), 106 of the 112 priced
pages (94.6 %), 8 prices invented on the 48 pages without one (16.7 %). Fixed after: a discount percentage that
tells the struck price from the sale price, a fullwidth range dash, a gift's "értékben", a replacement's block, and
auction pages without a buy-now price; holdout153-160 then read 311 of 320.
The next session's first four, each measured before any fix for it: holdout162 (India, the Gulf, Egypt, Israel,
South Africa) 37/40 (2/12) and holdout163 (Latin America, Iberia) 37/40 (3/12) at fbe6aaa, holdout161 (small shops
in the UK, Ireland, France, Benelux, Germany) 39/40 (0/12) and holdout164 (a hard mixed set) 36/40 (2/13) at
831a9ef: 149 of 160 right (93.1 %), 107 of the 111 priced pages (96.4 %), 7 prices invented on the 49 pages without
one (14.3 %). Fixed after: a price-comparison site's page, blank price slots ("Jouw prijs: –"), amounts to pick
with none picked, Belgian "HTVA", an ex-VAT price that is another less a VAT rate to the cent, Cafe24's detail
table, JD's "sku-name" title, VTEX's class prefix, a flash sale's struck markup price, Naver's h3 title. A review
then built 48 pages against those rules (tests/fixtures/review19) and broke 22 priced ones; the rules were narrowed.
Four more, measured at e19f466: holdout165 (Shopify and WooCommerce in North America and Oceania) 40/40 (0/12),
holdout166 (Central and Eastern Europe) 36/40 (2/12), holdout167 (East and Southeast Asia) 31/40 (4/12), holdout168
(big-box retailers on enterprise platforms) 37/40 (2/13): 144 of 160 right (90.0 %), 103 of the 111 priced pages
(92.8 %), 8 prices invented on the 49 pages without one (16.3 %).
The session after, four more, each measured at 67b12b1 (or with fixes made for another set only): holdout169
(Shopify, WooCommerce, Shopware, PrestaShop and Magento in North America, Oceania, DACH, Benelux) 39/40 (0/12),
holdout170 (custom European shops, mostly without structured data) 25/40 (7/13), holdout171 (big-box retailers in
the English-speaking world) 37/40 (2/12), holdout172 (Latin America, Turkey, Israel, the Gulf, South and East Asia)
31/40 (6/12): 132 of 160 right (82.5 %), 98 of the 111 priced pages (88.3 %), 15 prices invented on the 49 pages
without one (30.6 %). holdout169's one miss was the writer's net price for a B2B-only shop; its answer was
corrected to the issue's rule (with VAT when both are shown). After the fixes the four read 158 of 160.
A review then built 45 pages against those fixes (tests/fixtures/review20) and broke 30 priced ones; the rules were
narrowed. Three more, each measured before any fix for it: holdout173 (hand-built Central, Southern and Eastern
European shops) 36/40 (4/13) at 4d5f76d, holdout174 (independent shops in the English-speaking world) 36/40 (3/13)
and holdout175 (marketplaces and script-rendered retailers) 39/40 (0/12) after the narrowing: 111 of 120 right
(92.5 %), 80 of the 82 priced pages (97.6 %), 7 prices invented on the 38 pages without one (18.4 %). After the
fixes (a sale campaign's grid of offers, a post's title class, Wix's "Offers", a trade-only "Log in to see trade
price" beside a list price) they read 120 of 120; holdout169-172 read 157 of 160 after the review's narrowing.
Then holdout179 (pages that are not a plain in-stock product page, 16 of 40 without a price) 35/40 (4/16) at c3d4199
and holdout176 (Nordic, Swiss, Benelux and Iberian retailers) 38/40 (0/12) a commit's fixes later; after their fixes
they read 38/40 and 40/40. Last, at 389e058: holdout177 (a hard mix over fifteen platforms) 38/40 (2/12) and
holdout178 (everyday categories) 38/40 (0/12); their four misses are kept as known misses. The last four sets
(holdout176-179) together: 149 of 160 right (93.1 %), 103 of the 108 priced pages (95.4 %), 6 prices invented on
the 52 pages without one (11.5 %).
Four more, at 959e8f5, each measured before any fix for it: holdout180 (English-speaking shops over ten platforms)
37/40 (1/12), holdout181 (continental European shops in their own languages, two thirds of the priced pages
without structured data) 35/40 (3/12), holdout182 (Asia, Latin America, Turkey, the Gulf and Israel) 35/40 (1/12),
holdout183 (variants, RDFa, split prices, several JSON-LD blocks, B2B net and gross) 34/40 (1/12): 141 of 160
right (88.1 %), 99 of the 112 priced pages (88.4 %), 6 prices invented on the 48 pages without one (12.5 %).
After their fixes and a review's narrowing (c93b562) they read 37, 40, 39 and 37 of 40 (153 of 160), one price
invented (holdout180/31, an EOFY page without buy buttons).
The next session's four, each measured before any fix for it: holdout184 (Shopify, WooCommerce, BigCommerce,
Squarespace, Wix, Ecwid, Neto and Lightspeed shops in the English-speaking world) 39/40 at 208817d, holdout187 (East,
Southeast and South Asia, marketplaces included) 37/40 at a69ef5e, holdout185 (German-speaking, Polish, Czech, Slovak,
Hungarian, Romanian and Slovenian shops) 39/40 at 77b8caf, holdout186 (French, Benelux, Italian, Iberian and Greek
shops) 40/40 at cffa4a5: 155 of 160 right (96.9 %), 109 of the 112 priced pages (97.3 %), 2 prices invented on the
48 pages without one (4.2 %: a Squarespace 'Spring Sale' page, a Lazada '11.11 Biggest Sale' page). After their fixes,
and a review's narrowing (tests/fixtures/review22, 34 pages, 13 broken at first), all 160 read right, and so do the
seven known misses of holdout180-183.
Four more the same session, each measured before any fix for it: holdout190 (Latin America, Turkey, Israel, the Gulf,
Egypt) 36/40 at 21e3c6d, holdout191 (20 of 40 pages tempting an extractor to invent a price, 20 priced near-twins)
37/40 at 0473ed9, holdout188 (a hard mix of variants, ranges, RDFa, split prices and stale markup over nine platforms)
37/40 at e164618, holdout189 (the Nordics and the Baltics) 39/40 at 70f592d: 149 of 160 right (93.1 %), 100 of the
104 priced pages (96.2 %), 7 prices invented on the 56 pages without one (12.5 %). The session's eight sets together:
304 of 320 (95.0 %), 209 of 216 priced pages (96.8 %), 9 prices invented on 104 pages without one (8.7 %). After the
fixes all 160 of the second four read right.
The next session's, each measured before any fix for it: holdout192 (the English-speaking world from Ireland to
Singapore) 38/40 at fedb712, holdout194 (Asia, Latin America, the Middle East and Africa in their own languages) 35/40
at dd6d9c6: 73 of 80 right (91.3 %), every one of the 58 priced pages right, 7 prices invented on the 22 pages without
one (31.8 %: rental-only pages, comparison sites' AggregateOffers, a dealer log-in page, a gift registry, an order
confirmation). After the fixes both read 40/40.
Then, each measured before any fix for it: holdout195 (continental Europe and beyond, its pages written blind
alongside a hard set) 35/40 at 9c0c7e4, holdout197 (hard cases anywhere, 18 of 40 tempting an extractor to invent a
price) 37/40 at 3b96a99, holdout196 (continental Europe in the shops' own languages) 34/40 at a9cb4e6: 106 of 120 right
(88.3 %), 68 of the 72 priced pages (94.4 %), 10 prices invented on the 48 pages without one (hire-only pages in the
Nordic languages, pages for a region the product is not sold to, store locators and wishlists, Danish, Czech and
Slovak order confirmations, a German gift registry, a Portuguese hire page's day rate in JSON-LD). After their fixes
all 120 read right, and a review of those fixes (tests/fixtures/review25, 39 pages, 30 wrong at first) narrowed them.
holdout199 (made hard: 16 of 40 without a price) 36/40 at f12989d, every one of its 24 priced pages right, 4 prices
invented (a Ceneo comparison page, a coming-soon page's deposit, a Shoptet basket, a PrestaShop order confirmation);
holdout198 (an ordinary worldwide mix) 39/40 at 0021a90, all 28 priced pages right, 1 price invented (a German
camera-rental page's insurance excess). After their fixes both read 40/40. A review of those fixes
(tests/fixtures/review26, 36 pages, 23 wrong at first) narrowed them; then holdout200 (Europe's and the English-speaking
world's everyday shops, fifteen languages) 37/40 at c2500df, 26 of 28 priced pages right (a "Versand ab CHF 50.–
kostenlos" threshold, a French members' price), 1 price invented on 12 pages without one (a store locator's promotion);
40/40 after its fixes, and a fourth review (tests/fixtures/review27, 26 pages, 10 wrong at first) narrowed the last
rules again. The session's six sets (holdout195 to holdout200): 218 of 240 right at first reading (90.8 %),
146 of the 152 priced pages (96.1 %), 16 prices invented on the 88 pages without one (18.2 %). Last, holdout201 (Asia-Pacific,
Latin America, Turkey, the Gulf, Israel and Africa in their own scripts) 39/40 at b0aaafe, no price invented on its 12
pages without one (its miss, a Hebrew unit price "ל-100 גרם", fixed since).
holdout203 (electronics, power and appliance retailers and makers' own shops in fifteen countries: UVP and 30-day
lowest prices, open-box and other sellers' offers, ex-VAT prices, stale JSON-LD, finance plans, points, a rebate price)
40/40 at bead408, no price invented on its 8 pages without one; availability 36/40 as its writer noted it (a Danish
"udgået", a marketplace's own offer "Niet leverbaar" beside other sellers', a coming-soon page read as pre-order, a
variable product with no variation chosen read as in stock).
holdout204 (small and mid-sized shops on osCommerce, Gambio, JTL, xt:Commerce, PrestaShop 1.6, OpenCart, VirtueMart,
Shoptet, IdoSell, Ticimax, Tiendanube, Cafe24 and hand-written HTML in 23 countries, 21 of its 32 priced pages without
structured data) 38/40 at e2b418f: no price invented on its 8 pages without one; missed an osCommerce special price
over its struck price (none read) and an Indonesian sale price (its struck Rp 110.000 read); availability 30/40.
40/40 after its fixes (osCommerce's "pageHeading" cell names the product, so its table rows are no product cards;
an Indonesian "harga coret" is the struck price), which also read holdout56/page-02, a known miss, right; with a
spec table's stock row read too ("Voorraad:" | "Op voorraad"), its availability is 32/40.
holdout202 (an everyday worldwide mix: 40 shops in 21 countries on a dozen platforms, kitchen to pet food) 39/40 at
e127e16: all 32 priced pages right, 1 price invented on its 8 pages without one (a $5 donation on an author's book
page that sends buyers to other shops); availability 36/40. After their fixes both sets read 40/40, availability 37/40
and 39/40 (the rest: a Danish "udgået" page read as saying nothing, as most writers of earlier sets would have it,
a coming-soon page and a Japanese "価格：未定" page with a release date read as pre-order, a variable product with no
variation chosen read as in stock).
holdout206 (B2B, trade and small regional shops in the Nordics, the Baltics, the Balkans and Central and Eastern
Europe, on WooCommerce, PrestaShop, Shoptet, Shoper, Upgates, MyCashflow, OpenCart, IdoSell, Abicart, DanDomain and
custom PHP; net beside gross prices, quantity breaks, pack and piece prices, log-in and quote pages; 17 of its 40 pages
without structured data) 37/40 at 72d6fac: missed a Serbian box of ten's price (its per-piece 359,90 read), and
invented a price on 2 of its 11 pages without one (a Swedish basket page, a Romanian auction's start price);
availability 34/40. 40/40 after its fixes, availability 37/40.
holdout205 (shops selling products with many variants - fashion, footwear, furniture, battery kits, phones - on
Shopify, WooCommerce, Magento 2, Shopware 6, PrestaShop, SFRA, BigCommerce and custom sites in 22 countries; sold-out
first variants, swatches and storage buttons with their own prices, ranges and "from" prices) 38/40 at 3da20d9, no
price invented on its 10 pages without one: missed a Shopware graduated price table's first row (its net price read)
and an SFRA page whose colour swatches carry their own prices (none read); availability 38/40. 40/40 after its
fixes.
holdout207 (marketplaces and big retailers in Asia, the Middle East, Africa and Latin America: Flipkart, Rakuten,
Coupang, JD, Tokopedia, Lazada, Shopee, Daraz, noon, Trendyol, Jumia, Takealot, Mercado Libre, Falabella, Magalu and
more; 26 currencies, Arabic-Indic and Bengali digits, member, card and Pix prices) 39/40 at 78d289e, no price invented
on its 10 pages without one: missed a Bangladeshi book's price in Bengali digits (none read); availability 34/40. 40/40
after its fix.
holdout208 (brands' own stores and headless storefronts: Shopify themes and Hydrogen, Next.js with Catalyst, Medusa,
Saleor and commercetools, Nuxt, SvelteKit, Salesforce PWA Kit, Vue Storefront; subscribe-and-save beside one-time
prices, bundles, gift cards, pre-orders; 18 of its 40 pages without structured data) 39/40 at 91119bf, no price
invented on its 10 pages without one: missed a Korean page's price (its reward credit 320 read); availability 37/40.
40/40 after its fix.
holdout210 (grocery, pharmacy, drugstore and pet-supply shops in 23 countries: unit prices, multibuys, loyalty and
app prices, deposits, weighed products, prescription-only products) 38/40 at eddc449: all 30 priced pages right, 2
prices invented on its 10 pages without one (a UK category page, a Swedish basket); availability 40/40. 40/40 after
its fixes.
holdout211 (US and Canadian retailers in sports, outdoor, auto parts and tools on Shopify, BigCommerce, Magento and
big-box chains: fitment selectors, core charges, mail-in rebates, MAP "see price in cart", Quebec French pages) 40/40
at 5892203, no price invented on its 10 pages without one; availability 37/40.
holdout212 (Southern Europe and Latin America on WooCommerce, PrestaShop, Magento, VTEX, Tiendanube and custom shops:
instalments, Pix and boleto discounts, cuotas, IVA, Omnibus, B2B net prices, a shop pricing in U$S) 39/40 at d07d048,
all 30 priced pages right, 1 price invented on its 10 pages without one (a VTEX search page headed "248 produtos");
availability 40/40. 40/40 after its fix.
holdout213 (shops in Japan, Korea, China, Taiwan, Hong Kong and Southeast Asia on Makeshop, Color Me Shop, BASE,
STORES, EC-CUBE, Cafe24, Godomall, Shopline, 91APP and marketplace-like pages; 21 of its 40 pages without structured
data) 39/40 at b62726c, no price invented on its 10 pages without one: missed a Taobao-like page's price (none read);
availability 34/40. 40/40 after its fix.
holdout214 (independent makers and small shops on hosted builders: Wix, Squarespace, Square Online, Jimdo, Webnode,
Ecwid, Big Cartel, Gumroad, an Etsy-like marketplace, Shopify Starter, Sellfy, Ko-fi; pay-what-you-want minimums,
digital downloads, commissions, personalisation surcharges; 22 of its 40 pages without structured data) 40/40 at
ec4df15, no price invented on its 10 pages without one; availability 35/40.
holdout209 (electronics, computer-component and camera retailers in 23 countries: configurable laptops and PC builds,
refurbished and open-box offers, warranties, price-match badges, trade-ins, bundles, energy labels) 40/40 at 4ffe087,
no price invented on its 10 pages without one; availability 39/40.
holdout216 (home, DIY, garden, building-material, lighting and furniture retailers in Europe, North America and
Australia: prices per box against per m2, delivery and assembly charges, store stock, trade prices, made-to-measure
configurators; 19 of its 40 pages without structured data) 38/40 at 20d62dc: all but one of its 30 priced pages right
(a bespoke bookcase's 50 % deposit read, not its "From £1,450" total), 1 price invented on its 10 pages without one
(a Danish DIY basket, "kurv"); availability 36/40. 40/40 after its fixes.
holdout217 (made hard: 16 of its 40 pages without a price a shopper could pay, tempting with baskets, checkout steps,
order confirmations, wishlists, price-history pages and deal round-ups; 21 pages without structured data) 36/40 at
20d62dc: 22 of its 24 priced pages right (a Dutch cola's unit price read, not its split "2.39"; an Italian tile box's
calculator total), 2 prices invented on its 16 pages without one (a Shopware checkout step's total, a price-history
page's highest price); availability 33/40. 40/40 after its fixes.
holdout218 (refurbished, second-hand and rental shops and marketplaces in eight countries: condition grades,
trade-in credits, rental beside purchase prices, deposits; 21 of its 40 pages without structured data) 39/40 at
3836061: all 30 priced pages right, 1 price invented on its 10 pages without one (a Swedish live auction's leading
bid); availability 37/40. 40/40 after its fix.
holdout215 (book, music, film, video-game and software shops in 26 countries: formats, editions, platforms, used and
marketplace offers beside the shop's own, pre-orders, fixed book prices, bundles; 19 of its 40 pages without structured
data) 38/40 at c2e5cd5, no price invented on its 10 pages without one: missed a VTEX game page's price (its JSON-LD
AggregateOffer's low price, another seller's, read) and a Portuguese bundle's (its "Poupas 19,99 €" saving read);
availability 36/40. 40/40 after its fixes.
holdout219 (fashion, shoe, jewellery, watch and beauty shops in ten countries: size and colour pickers with sold-out
sizes, member prices, engraving and gift-wrap add-ons, price on request for high jewellery, minis beside full sizes;
18 of its 40 pages without structured data) 40/40 at b00d656, no price invented on its 10 pages without one;
availability 36/40.
holdout220 (an ordinary worldwide mix of small and mid-sized shops on the platforms they use in 2026, 29 countries;
19 of its 40 pages without structured data) 39/40 at c43f448, no price invented on its 11 pages without one: missed a
Danish Wix shop's sale price (its normal price, shown first, read); availability 37/40. 40/40 after its fix.
holdout221 (made hard: 16 of its 40 pages without a price a shopper could pay - configurators before any choice, a
sold-out page keeping its last price in a restock widget, a marketplace's search page with a featured offer, an
order-tracking page, a recipe with priced groceries - and 24 priced near-twins; 22 pages without structured data)
34/40 at c43f448: all 24 priced pages right, 6 prices invented on its 16 pages without one; availability 36/40. 40/40 after its fixes,
which also mend two earlier known misses (holdout157/page-26 and holdout159/page-39, configurators before any choice).
holdout223 (ordinary product pages of shops in the UK, Ireland, the US, Canada, Australia, New Zealand, South Africa,
India and Singapore; 23 of its 40 pages without structured data) 38/40 at bf2d900: all 30 priced pages right, 2 prices
invented on its 10 pages without one (an Irish Magento basket, a New Zealand blog's buying guide); availability 35/40. 40/40
after its fixes.
holdout222 (ordinary product pages of continental European shops in fourteen languages; 23 of its 40 pages without
structured data) 37/40 at 5e02855: 29 of its 30 priced pages right (a Portuguese page's JSON-LD low price, a
refurbished offer, read), 2 prices invented on its 10 pages without one; availability 39/40. 40/40 after its
fixes.
holdout224 (ordinary product pages of shops in Latin America, Asia and the Middle East in their own languages and
number formats; 23 of its 40 pages without structured data) 39/40 at d3c7aae: all 30 priced pages right, 1 price
invented on its 10 pages without one (a Turkish basket, "Sepetim (3 Ürün)"); availability 34/40. 40/40 after its fix.
holdout225 (ordinary product pages of shops in Central and Eastern Europe, the Baltics, the Nordics and Greece in
seventeen languages; 22 of its 40 pages without structured data) 34/40 at 6784ead: 26 of its 30 priced pages right
(Shoptet's variant prices hidden by "noDisplay", a marketplace's resealed offer, a Bulgarian price without VAT, a
Greek unit price), 2 prices invented on its 10 pages without one (a Finnish checkout, a Latvian order status).
holdout227 (made hard on pages without a price: 20 of its 40, from request-a-quote to store locators; 26 pages
without structured data) 38/40 at b013b49: 19 of its 20 priced pages right (a JSON-LD low price that is another
seller's), 1 price invented on its 20 pages without one.
holdout226 (ordinary product pages of big and mid-sized shops on the common platforms, nine countries; 20 of its
40 pages without structured data) 39/40 at 33ea34d: all 29 priced pages right, 1 price invented on its 11 pages
without one; availability 40/40.
holdout229 (made hard on pages with a price: tier tables, subscriptions, bundles, sold-out first variants, member
prices, other sellers, deposits, trade-ins; 25 countries, 24 of its 40 pages without structured data) 35/40 at
2754633: 27 of its 30 priced pages right, 2 prices invented on its 10 pages without one.
holdout230 (ordinary pages of big marketplaces and big retailers in 15 languages and 20 currencies; 24 of its 40 pages
without structured data) 40/40 at 48dcc23, availability 40/40.
holdout228 (ordinary pages of small and mid-sized shops in the UK, Ireland, France, Belgium, Switzerland, Austria and
Germany on fifteen shop systems; 17 of its 40 pages without structured data) 40/40 at 5cced50, availability 39/40.
holdout232 (ordinary pages of shops in 29 countries trackers rarely see, from Ukraine and Georgia to Nepal, Ghana and
Uruguay, in their own languages, scripts and currencies; 20 of its 40 pages without structured data) 34/40 at
e7edc2c: 26 of its 30 priced pages right (four currencies unknown: denars, drams, sums, Nepalese rupees), 2 prices
invented on its 10 pages without one.
holdout231 (pages an operator pastes by mistake or meets when a product page changes: 14 of its 40 without a price,
from a consent wall to a maintenance page; 22 without structured data) 37/40 at 30783f4: 25 of its 26 priced pages
right, 2 prices invented on its 14 pages without one.
holdout236 (pages made hard on availability in twelve languages: pre-orders, backorders, sold-out sizes and first
variants, coming-soon and discontinued pages; 8 of its 40 without a price, 17 without structured data) 39/40 at
88b7123, no price invented: the VAT a Swiss price includes ("TVA incluse (8,1 % : CHF 86.11)") read as the price;
availability 34/40 (pages sold only in store, and coming-soon pages without a price, the writer reads as sold out).
holdout234 (ordinary pages of shops in Germany, Austria and Switzerland on their shop systems; 8 of its 40 without a
price, 16 without structured data) 37/40 at 0a02ae9: OXID's "minibasket" and a header cart's dropdown read as the
price, Gambio's category page (body "page-index-type-cat") priced, and another seller's offer under a bold line
"Weitere Angebote" taken. holdout235 (product pages in Black Friday week, ten countries; 8 of its 40 without a price,
22 without structured data) 38/40 at 0a02ae9, no price invented: a line in Impulse's cart drawer (id "CartDrawer"), and
Polish instalments ("w 3 ratach po") and a multibuy ("Kup 2 szt. – zapłacisz … /szt.") beside a split price.
holdout233 (ordinary pages of US shops of every size on the platforms they use; 8 of its 40 without a price, 18
without structured data) 38/40 at efd898c: a grocer's "$0.46/ct" (a unit price per count) read as the price, and a
price invented on a B2B page that says "Log in for wholesale pricing" where the price would be.
holdout238 (ordinary pages of shops in France, Belgium, Spain, Italy and Portugal; 8 of its 40 without a price, 17
without structured data) 38/40 at 9134976, no price invented: PrestaShop's "product-price-and-shipping" box read as a
shipping cost (no price found), and a marketplace seller's offer in a "buybox__others" block taken over the shop's own.
holdout237 (ordinary pages of UK and Irish shops; 8 of its 40 without a price, 17 without structured data) 38/40 at
3358b59: a Nectar (loyalty card) price taken over the retail price, and a price invented on a garden room's quote page
from its "Popular optional extras" table and, once that was fixed, from other products under a heading a page builder
wraps in a block of its own.
holdout239 (made hard on pages without a price: 20 of its 40, from a basket to an auction; 22 without structured data)
35/40 at 9c1436b, all 20 priced pages right, 5 prices invented on its 20 pages without one: a VTEX order confirmation
headed "Obrigado pela sua compra, Mariana!", a camera rental's "Daily (24 hrs) $185", an auction whose bid button says
"Bieten" beside similar lots' "Sofort kaufen", a finance calculator, and a gift cards information page. Fixed but the
last and the rental (its "for rent only" note sits too far from the title; an add-on's "$10" read instead); both
fixed in the next session (three or more amounts listed together are values to choose from; once rates are hire
rates, an add-on's "$10 / day" is one too).
holdout243 (fashion, shoes and accessories worldwide, with variants; 8 of its 40 without a price) 39/40 at 1e36109, no
price invented: Impulse's visually hidden "Normalpris" before its "on-sale" price made the sale price a was price, so
stale JSON-LD at the was price stood.
holdout246 (Central and Eastern Europe, Greece and Turkey; 8 of its 40 without a price) 36/40 at 1e36109: a Shoptet
AggregateOffer's low over the chosen 1 kg bag, an Allegro-like variant link beside one classed "_active", a
Trendyol-like "250 TL Kupon" and "Aylık ... TL'den" with "Son 30 günün en düşük fiyatı", and a price invented on a
Greek "Τιμή: Κατόπιν επικοινωνίας" page from its shipping line.
holdout240 (Nordic and Baltic shops; 8 of its 40 without a price) 35/40 at 642e0c7: prices invented on a Finnish
"Hinta: Pyydä tarjous" page, a Lithuanian basket headed "Krepšelis" and an Icelandic discontinued drill ("Þessi vara er
hætt í sölu"; a "Frí heimsending yfir 15.000 kr." threshold read), a DanDomain case price ("6 fl. 749,00 kr." beside
"124,83 kr. pr. fl.") over the bottle's, and an OpenCart quantity row "4 arba daugiau 34.50€".
holdout242 (electronics, computers and phones in Europe and North America; 8 of its 40 without a price) 39/40 at
642e0c7, no price invented: a refurbished phone's stale JSON-LD stood because Prestige's info blocks (each a
"product-info__block-item" with a link and a digit) read as a row of other products' cards.
holdout244 (Asia-Pacific and Latin America; 8 of its 40 without a price) 37/40 at 642e0c7: a Nuvemshop price read as a
shipping cost (its product block is classed "js-has-new-shipping ... js-shipping-calculator-container"), EC-CUBE's
header cart ("ec-cartNavi") over a figure's price, and a price invented on a VTEX basket ("body-cart", "Meu carrinho").
holdout245 (made hard on pages without a price: 20 of its 40; 26 without a price in structured data) 34/40 at
efae4e7: 17/20 priced pages right (an Ecwid "Inkl. moms (89,80 kr)", a Japanese header basket's "小計：¥4,290" and a
Mercado Libre "12 meses sin intereses de $708.25" read), 3 prices invented on its 20 pages without one (an ended Dutch
auction's "Hoogste bod", a plant-hire table's inc-VAT column, a PrestaShop comparison page).
holdout241 (small shops in many countries with no structured data at all; 8 of its 40 without a price) 38/40 at
9d4c563, no price invented: a DanDomain table layout whose rows read as cards (its image button "Læg i kurv" lost, a
left column's weekly offer read), and a record marketplace's "seller accepts offers above £15.00".
holdout247 (DIY, hardware, garden, grocery and pharmacy), holdout248 (big retailers and department stores), holdout249
(Shopify only, many themes and apps) and holdout250 (WooCommerce only, many themes and plugins), 8 of 40 without a price
in each, written at the same time and measured at b888a9a: 40/40, 39/40, 40/40 and 39/40 (158/160, 98.8 %), all 128
priced pages right, a price invented on 2 of their 32 pages without one: a Magento B2B portal's "Sign in to see your
price" (its banner's "up to $50,000" read) and an ended WooCommerce auction whose winning bid, shown before "This
auction has ended.", made the statement give way.
holdout251 (consumer electronics and home appliances, UK, Germany, the Netherlands, US), holdout252 (sports, outdoor and
bicycle shops across Europe, variant pickers), holdout253 (made hard on pages without a price: 16 of its 40) and
holdout254 (beauty, health, toys, books and pet supplies in Japan, Korea, Australia, Canada, Brazil, Mexico, Poland),
written at the same time and measured at 274c764: 40/40, 38/40, 36/40 and 37/40 (151/160, 94.4 %); 116 of their 119
priced pages right (97.5 %): a Godomall page titled by an h3 in "item_detail_tit" (sold out, no buy button: no price
read), a Quebec PrestaShop price "avant taxes" over "Prix taxes incluses : 40,18 $", OTTO's "Du sparst 249,01 €" read;
a price invented on 6 of their 41 pages without one: a Magento "Ce modèle n'est plus fabriqué", a Danish auction's
"Nuværende bud", a Shopify board whose "Pricing and release date announced soon" stood beside its fins' price, a
Catawiki lot's "Schatting expert", a configurator's "Finanzierung möglich ab einem Warenwert von € 1.000,00", a Cafe24
"판매종료된 상품입니다." under an h2 in "headingArea".
holdout255 (marketplaces: buy boxes, other sellers, used and refurbished offers, coupons, subscribe-and-save) and
holdout256 (furniture, home and garden, configurable products and "from" prices), 8 of 40 without a price in each,
written at the same time as the four above and measured after their fixes, at b3debfb: 39/40 and 40/40 (79/80), every
priced page right; the miss a price invented on an unavailable marketplace listing, a "Similar item to consider" box's
(its heading a bold span, not a heading tag).
holdout257 (made hard on pages without a price: 16 of its 40, trade-only, hire, quote, waitlist, in-store only), measured
at fc2e1c0: 37/40, 23/24 priced pages right (a Czech shop's "Cena pro Slovensko: 529,00 €" read over its 12 990 Kč), a
price invented on 2 of 16 (a Dutch wholesaler's "Prijzen alleen voor zakelijke klanten" beside a cliché's set-up
cost, a solar installer's "Get a free, tailored quote" beside "$1,650 per year" of bill savings). holdout259
(computers, phones and cameras with bundles, configurators, trade-ins, warranties) and holdout260 (fashion in Europe and
Asia), written at the same time and measured at fc2e1c0 too: 38/40 each; holdout259 30/31 priced (a PC configurator's
"Starting from £1,299.00" read where its writer wanted the default build's total, £1,847.98: a judgement call the
issue's "From" price reading supports, left as a known miss) and a price invented on 1 of 9 (a phone sold on plans:
its "Total cost over 24 months", then a trade-in's "£450 credit paid into your bank account"); holdout260 31/32 priced
(Paidy's "¥6,600 × 3回" kept a regular price from standing, so its price without tax was read) and 1 of 8 invented (a
Taiwanese auction's "目前出價").
holdout258 (everyday shops in the UK, Ireland and the Nordic countries), written with those three and measured after
their fixes, at f8c975f: 39/40, all 32 priced pages right; a price invented on 1 of its 8 without one (a Finnish
coming-soon toy's "Hinta ja tarkka saapumispäivä julkaistaan pian" beside its gift wrapping's "2,90 €").
holdout261 (16 of its 40 without a price, in twelve languages other than English) and holdout264 (small independent
shops on Wix, Squarespace, Ecwid, Big Cartel and hand-coded sites), measured at d39bff6: 37/40 and 40/40; every priced
page right; a price invented on 3 of holdout261's 16 without one (a Magento sofa "Disponibile solo in showroom" over
a cushion's € 59,00 in "Completa il tuo salotto", a French auction lot's "Estimation 3 000 / 5 000 €" beside
"Enchérir par téléphone", a Cafe24 "렌탈 전용 상품" over its filters' price) and on none of holdout264's 9.
holdout262 (structured data at odds with the visible page) and holdout263 (groceries, drugstores, wine and spirits),
written with those two and measured after their fixes, at ec7bcb6: 37/40 and 35/40; 28/31 and 29/32 priced pages right
(three variant pages whose markup holds the first variant: a Dawn page's variant list was not read, and the stale
check took "$89.00" for shown inside "$189.00"; a Magento AggregateOffer's "As low as £5.50" and a Japanese Dawn page
without a variant list stay known misses; a Kruidvat "pricebadge" read as a badge; OpenCart's "6 oder mehr 12,95€";
Systembolaget's "21:90" without a sign, a known miss), a price invented on 0 of 9 and 2 of 8 (a Woolworths
"Trolley (13 items)" page, a Danish rental's "Ring for pris").
holdout265 (ordinary shops of every kind in the US and Canada), measured at 5c3e83d: 40/40.
holdout267 (ordinary shops and marketplaces in Asia-Pacific and Latin America), measured at b2fd3e4: 40/40.
holdout266 (ordinary shops in Germany, Austria, Switzerland, France, Italy and Spain), measured at b2e4630: 37/40,
30/31 priced pages right (a subscription's "Suscríbete y ahorra 10%: 22,46 €" under a regular price), a price
invented on 2 of 9 ("Prezzo e data di arrivo saranno comunicati a breve" beside the previous model's price; "Precio
según medidas y configuración" beside a kitchen's transport and removal prices).
holdout268 (ordinary shops, UK, Benelux, Poland, Czechia, Hungary) and holdout269 (14 of 40 without a price), the
last two, measured at 8e601b9: 34/40 and 38/40; 27/31 and 25/26 priced pages right, a price invented on 2 of 9 and 1 of
14. Mended: a Hungarian basket "Kosár tartalma", a Polish "Koszyk (2)", "Royal Mail 2nd Class £2.95" beside an OpenCart
price, Shoptet's "Připravujeme". Left as known misses: a Shopify tea's preselected 100 g variant among JSON-LD's three
offers, a WooCommerce preselected variation over its range, a wine shop's box of six listed before the single bottle,
a marketplace's used offer read over its buy box.
holdout275 (luxury goods, watches, jewellery, wine and spirits in Switzerland, Hong Kong, Singapore, Australia, Canada,
Mexico and South Africa; 9 of 40 without a price), measured at a47d572: 40/40.
holdout270 (groceries, drugstores, pharmacies and pet supplies in seven European countries), holdout271 (16 of its 40
without a price), holdout272 (fashion, shoes and accessories in the US, UK, France, Italy, Scandinavia and Japan) and
holdout273 (DIY, hardware and building materials, trade shops among them), written with holdout275 and measured at
74beff8: 40/40, 34/40, 37/40 and 37/40 (148/160). Priced pages 120/125 right: a Shopline "限時 8 折" tag read as a
saving's label (so no price), a Shopware price box beaten by a list of each size's price below it, an ATG colour's
price at the top of an AggregateOffer's range beside "Price varies by color", a Magento Hyvä shoe's selected wide
fitting (a known miss), a Czech "Cena s DPH 21 % · bez DPH 493,22 Kč" read as the price with VAT, an "Insider price"
with its "Earn $12 in Cobalt Rewards", an equipment hire's day rate under an AggregateOffer of its rates (a known
miss: hire pages have no price to buy at). A price invented on 5 of 35 pages without one: "Add this item to your cart
to see our price", a discontinued bol-like page's "Tweede Kans – Gebruikt" offer, an auction lot's estimate under
"Estimation de l'expert" and similar lots' "adjugé 380 €", "Pris visas när du har gjort alla val" beside
"Hemleverans" (delivery), a garage-door builder's "Complete all steps ... to see your price". All but the two known
misses mended.
holdout274 (car parts, tyres, motorcycles and e-bikes in Poland, Romania, Hungary, Turkey, Greece, the UAE, India and
Brazil; 8 of 40 without a price), measured at 30e2529: 35/40; 30/32 priced pages right (a Dawn page's product JSON
under an id spelled "ProductJSON-...", so og:price's single tyre over the selected set of four; a Turkish "Takım fiyatı
(sağ + sol)" set price over the single part's "KDV Dahil (%20): 1.845,50 TL"; stale JSON-LD shown only struck, which
WooCommerce's Greek screen-reader sentence "Η αρχική τιμή ήταν:" had made look current), a price invented on 2 of 8
("Fiyat için arayınız", "Select a city to see the price"). All mended.
holdout276 (home appliances and electronics in Finland, Denmark, Norway, Estonia, Lithuania, Portugal and Ireland; 9 of
40 without a price) and holdout277 (instruments, hobby, games and books in the US, Canada, the UK, Ireland and New
Zealand; 9 of 40 without a price), measured at 5ee3623: 37/40 and 40/40. holdout276's misses: a Norwegian club price
"Elhuset Pluss-pris 6 490,- for medlemmer", a Portuguese card price "Com <strong>Cartão Continental Casa</strong>:
<strong>279,99 €</strong>" (its label a bold element of its own before the colon), and a price invented beside a
Lithuanian "Kaina bus paskelbta artimiausiu metu". All but the card price mended (its mend, reading a bold label
element before a colon as the amount's label, broke 11 of review37's pages and was withdrawn).
holdout279 (ordinary shops for home, garden, pets, kids, stationery and gifts in six English-speaking countries; 12 of
40 without a price), measured at 46494d3: 40/40.
holdout278 (marketplaces and classifieds in Germany, Poland, France, Brazil, Argentina, Japan and the US; 8 of 40
without a price), measured at 4d80f55: 37/40, all 8 without a price right. Misses: an Allegro coin's worth "(1 moneta =
0,01 zł)" read as the price, a Kaufland buy box under "Weitere Angebote (5) ab 219,90 €" (the count in brackets hid the
other sellers' label; JSON-LD's AggregateOffer low is theirs), both mended; a Yahoo! Auctions lot's current bid (its
writer's answer; the extractor reads no price off an auction without a buy-now price) stays a known miss.
holdout282 (structured data at odds with the page shown, on six platforms in Europe and North America; 8 of 40 without
a price), measured at ae2430e: 35/40. Mended: PrestaShop microdata left at the price before a sale while the scan took
Alma's "3 × 10,64 €" (a pay-later provider's block is finance), JSON-LD holding the members' price ("PeakClub member
price: $59.99"), stale JSON-LD at exactly twice a half-price sale (the band now reaches it), "Preis nach
Konfiguration". Left: a Shopware price box far from its title and buy button beaten by a care kit's lone link "für €
19,95" (a known miss).
holdout280 (16 of 40 without a price, in thirteen languages) and holdout281 (everyday shops in Croatia, Serbia,
Slovenia, Bulgaria, Slovakia, Latvia, Ukraine and Israel; 8 of 40 without a price), measured at ae2430e: 39/40 and 35/40.
holdout280 invented a price on 1 of its 16 (a Turkish marketplace's "Son satış fiyatı: 2.149,00 TL – güncel fiyat
değildir"). holdout281: 29/32 priced (Croatian "159,92 € + PDV" over "199,90 € s PDV-om"; a Woodmart price beaten by
"Dostava i unos u stan 39,00 €", its label in an element of its own without a colon; a Latvian loyalty card's big
0,69 € over the regular 0,89 €), 2 of 8 invented (a Slovenian "cena bo objavljena ob prihodu zaloge" mid-sentence beside
Leanpay's "za nakupe nad 150 €", a Slovak "Cena: na základe konfigurácie"). Mended but the delivery row and the card
price (known misses).

Example: .venv/bin/python bench/holdout_accuracy.py --set holdout32
         .venv/bin/python bench/holdout_accuracy.py --set all   (every set; availability too)
"""

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from powertracker.extract import extract  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", nargs="+", default=["holdout"],
                        help="folders under tests/fixtures/ (default holdout); 'all' for every blind and review set")
    names = parser.parse_args().set
    if names == ["all"]:
        names = sorted(m.parent.name for m in FIXTURES.glob("*/manifest.json") if (m.parent / "pages").is_dir()
                       and m.parent.name != "pages")
    right = invented = missed = stock = n = 0
    for name in names:
        holdout = FIXTURES / name
        manifest = json.loads((holdout / "manifest.json").read_text(encoding="utf-8"))
        for entry in manifest:
            page = holdout / "pages" / entry["file"]
            got = extract(page.read_text(encoding="utf-8"), page.as_uri(), default_currency=entry["default_currency"])
            want = None if entry["price"] is None else Decimal(entry["price"])
            ok = got.price == want and (want is None or got.currency == entry["currency"])
            right += ok
            stock += got.availability == entry.get("availability")
            if not ok:
                if got.price is None:
                    missed += 1
                else:
                    invented += 1
                if len(names) == 1:
                    print(f"miss {entry['file']}: expected {want} {entry['currency']}, got {got.price} {got.currency}"
                          f" ({got.strategy})")
        n += len(manifest)
    label = names[0] if len(names) == 1 else f"{len(names)} sets"
    print(f"{label}: pages right on price and currency: {right}/{n} ({100 * right / n:.1f}%);"
          f" wrong prices: {invented}; null where a price was expected: {missed};"
          f" availability as its writer noted it: {stock}/{n} ({100 * stock / n:.1f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
