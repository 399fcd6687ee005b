/*
 * gen_names.h — the name pools of the synthetic watchlist generator (bench_gen.c).
 *
 * Small hand-made tables, ordered from the most to the least frequent name,
 * with a relative weight where the frequency is known (surname shares of
 * Vietnam, China and Korea from national statistics, rounded) and Zipf-like
 * weights by rank otherwise. Each item has the form a list writes (with its
 * diacritics, or in Cyrillic, Greek, Han or Hangul) and, where that is not
 * derived by folding, its usual passport Latin spellings separated by '|'
 * (the first is the most usual one; the others are romanization variants).
 * Vietnamese given names and English nicknames are read at run time from
 * data/lists/ (vietnamese-given-names, nicknames).
 */
#ifndef GEN_NAMES_H
#define GEN_NAMES_H

typedef struct name_item {
    const char *native;     /* as written in a list */
    const char *latin;      /* passport spellings "A|B"; NULL: fold native */
    unsigned weight;        /* relative frequency; 0: Zipf by rank */
} name_item;

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ---- English ---- */
static const name_item en_surnames[] = {
    {"SMITH",0,0},{"JOHNSON",0,0},{"WILLIAMS",0,0},{"BROWN",0,0},{"JONES",0,0},{"MILLER",0,0},
    {"DAVIS",0,0},{"WILSON",0,0},{"ANDERSON",0,0},{"TAYLOR",0,0},{"THOMAS",0,0},{"MOORE",0,0},
    {"MARTIN",0,0},{"JACKSON",0,0},{"THOMPSON",0,0},{"WHITE",0,0},{"HARRIS",0,0},{"CLARK",0,0},
    {"LEWIS",0,0},{"ROBINSON",0,0},{"WALKER",0,0},{"YOUNG",0,0},{"ALLEN",0,0},{"KING",0,0},
    {"WRIGHT",0,0},{"SCOTT",0,0},{"HILL",0,0},{"GREEN",0,0},{"ADAMS",0,0},{"BAKER",0,0},
    {"NELSON",0,0},{"CARTER",0,0},{"MITCHELL",0,0},{"ROBERTS",0,0},{"TURNER",0,0},{"PHILLIPS",0,0},
    {"CAMPBELL",0,0},{"PARKER",0,0},{"EVANS",0,0},{"EDWARDS",0,0},{"COLLINS",0,0},{"STEWART",0,0},
    {"MORRIS",0,0},{"MURPHY",0,0},{"COOK",0,0},{"ROGERS",0,0},{"MORGAN",0,0},{"COOPER",0,0},
    {"PETERSON",0,0},{"REED",0,0},{"BAILEY",0,0},{"BELL",0,0},{"KELLY",0,0},{"HOWARD",0,0},
    {"WARD",0,0},{"COX",0,0},{"RICHARDSON",0,0},{"WOOD",0,0},{"WATSON",0,0},{"BROOKS",0,0},
    {"BENNETT",0,0},{"GRAY",0,0},{"HUGHES",0,0},{"PRICE",0,0},{"SANDERS",0,0},{"MYERS",0,0},
    {"FOSTER",0,0},{"O'BRIEN",0,0},{"O'CONNOR",0,0},{"MCDONALD",0,0},{"FITZGERALD",0,0},
    {"CHAMBERLAIN",0,0},{"WHITTAKER",0,0},{"HARGREAVES",0,0},
};
static const name_item en_male[] = {
    {"JAMES",0,0},{"JOHN",0,0},{"ROBERT",0,0},{"MICHAEL",0,0},{"WILLIAM",0,0},{"DAVID",0,0},
    {"RICHARD",0,0},{"JOSEPH",0,0},{"THOMAS",0,0},{"CHARLES",0,0},{"CHRISTOPHER",0,0},
    {"DANIEL",0,0},{"MATTHEW",0,0},{"ANTHONY",0,0},{"MARK",0,0},{"DONALD",0,0},{"STEVEN",0,0},
    {"PAUL",0,0},{"ANDREW",0,0},{"JOSHUA",0,0},{"KENNETH",0,0},{"KEVIN",0,0},{"BRIAN",0,0},
    {"GEORGE",0,0},{"TIMOTHY",0,0},{"RONALD",0,0},{"EDWARD",0,0},{"JASON",0,0},{"JEFFREY",0,0},
    {"RYAN",0,0},{"JACOB",0,0},{"GARY",0,0},{"NICHOLAS",0,0},{"ERIC",0,0},{"JONATHAN",0,0},
    {"STEPHEN",0,0},{"LAWRENCE",0,0},{"BENJAMIN",0,0},{"SAMUEL",0,0},{"GREGORY",0,0},
    {"ALEXANDER",0,0},{"PATRICK",0,0},{"FRANCIS",0,0},{"RAYMOND",0,0},{"DENNIS",0,0},
    {"PETER",0,0},{"HAROLD",0,0},{"DOUGLAS",0,0},{"HENRY",0,0},{"ARTHUR",0,0},
};
static const name_item en_female[] = {
    {"MARY",0,0},{"PATRICIA",0,0},{"JENNIFER",0,0},{"LINDA",0,0},{"ELIZABETH",0,0},
    {"BARBARA",0,0},{"SUSAN",0,0},{"JESSICA",0,0},{"SARAH",0,0},{"KAREN",0,0},{"LISA",0,0},
    {"NANCY",0,0},{"MARGARET",0,0},{"SANDRA",0,0},{"ASHLEY",0,0},{"KIMBERLY",0,0},{"EMILY",0,0},
    {"DONNA",0,0},{"MICHELLE",0,0},{"CAROL",0,0},{"AMANDA",0,0},{"DOROTHY",0,0},{"MELISSA",0,0},
    {"DEBORAH",0,0},{"STEPHANIE",0,0},{"REBECCA",0,0},{"SHARON",0,0},{"LAURA",0,0},
    {"CYNTHIA",0,0},{"KATHLEEN",0,0},{"AMY",0,0},{"ANGELA",0,0},{"ANNA",0,0},{"BRENDA",0,0},
    {"PAMELA",0,0},{"EMMA",0,0},{"NICOLE",0,0},{"HELEN",0,0},{"SAMANTHA",0,0},{"KATHERINE",0,0},
    {"CHRISTINE",0,0},{"RACHEL",0,0},{"CATHERINE",0,0},{"CAROLYN",0,0},{"JANET",0,0},
    {"VICTORIA",0,0},{"ALEXANDRA",0,0},{"JACQUELINE",0,0},{"ABIGAIL",0,0},{"JUDITH",0,0},
};

/* ---- Spanish and Portuguese (two surnames) ---- */
static const name_item es_surnames[] = {
    {"GARCÍA",0,0},{"RODRÍGUEZ",0,0},{"GONZÁLEZ",0,0},{"FERNÁNDEZ",0,0},{"LÓPEZ",0,0},
    {"MARTÍNEZ",0,0},{"SÁNCHEZ",0,0},{"PÉREZ",0,0},{"SILVA",0,0},{"SANTOS",0,0},{"GÓMEZ",0,0},
    {"MARTÍN",0,0},{"JIMÉNEZ",0,0},{"RUIZ",0,0},{"HERNÁNDEZ",0,0},{"DÍAZ",0,0},{"MORENO",0,0},
    {"FERREIRA",0,0},{"PEREIRA",0,0},{"OLIVEIRA",0,0},{"ÁLVAREZ",0,0},{"MUÑOZ",0,0},
    {"ROMERO",0,0},{"ALONSO",0,0},{"GUTIÉRREZ",0,0},{"TORRES",0,0},{"RAMÍREZ",0,0},
    {"FLORES",0,0},{"CASTRO",0,0},{"COSTA",0,0},{"RODRIGUES",0,0},{"MARTINS",0,0},
    {"SOUSA",0,0},{"GONÇALVES",0,0},{"GOMES",0,0},{"MARQUES",0,0},{"ALVES",0,0},
    {"ALMEIDA",0,0},{"RIBEIRO",0,0},{"CARVALHO",0,0},{"VARGAS",0,0},{"MENDOZA",0,0},
    {"CASTILLO",0,0},{"ORTIZ",0,0},{"NÚÑEZ",0,0},{"IBÁÑEZ",0,0},{"PEÑA",0,0},{"ARAÚJO",0,0},
    {"CONCEIÇÃO",0,0},{"DE LA CRUZ",0,0},{"DE SOUZA",0,0},{"DOS SANTOS",0,0},
};
static const name_item es_male[] = {
    {"JOSÉ",0,0},{"JUAN",0,0},{"LUIS",0,0},{"CARLOS",0,0},{"ANTONIO",0,0},{"MANUEL",0,0},
    {"FRANCISCO",0,0},{"JESÚS",0,0},{"JAVIER",0,0},{"MIGUEL",0,0},{"ÁNGEL",0,0},{"JOÃO",0,0},
    {"PEDRO",0,0},{"RAFAEL",0,0},{"FERNANDO",0,0},{"JORGE",0,0},{"ALEJANDRO",0,0},
    {"SEBASTIÁN",0,0},{"ANDRÉS",0,0},{"RAMÓN",0,0},{"JOAQUÍN",0,0},{"DIEGO",0,0},
    {"RICARDO",0,0},{"EDUARDO",0,0},{"SERGIO",0,0},{"PABLO",0,0},{"GONÇALO",0,0},
    {"VÍCTOR",0,0},{"RUBÉN",0,0},{"ÓSCAR",0,0},
};
static const name_item es_female[] = {
    {"MARÍA",0,0},{"CARMEN",0,0},{"ANA",0,0},{"ISABEL",0,0},{"LAURA",0,0},{"LUCÍA",0,0},
    {"JOSEFA",0,0},{"DOLORES",0,0},{"PILAR",0,0},{"TERESA",0,0},{"ROSA",0,0},{"PAULA",0,0},
    {"MARTA",0,0},{"CRISTINA",0,0},{"ELENA",0,0},{"BEATRIZ",0,0},{"ROCÍO",0,0},{"INÊS",0,0},
    {"CONCEPCIÓN",0,0},{"VERÓNICA",0,0},{"MÓNICA",0,0},{"SOFÍA",0,0},{"GUADALUPE",0,0},
    {"FERNANDA",0,0},{"ADRIANA",0,0},{"NATÁLIA",0,0},{"SÔNIA",0,0},{"FÁTIMA",0,0},
};

/* ---- German and Nordic ---- */
static const name_item de_surnames[] = {
    {"MÜLLER",0,0},{"SCHMIDT",0,0},{"SCHNEIDER",0,0},{"FISCHER",0,0},{"WEBER",0,0},
    {"MEYER",0,0},{"WAGNER",0,0},{"BECKER",0,0},{"SCHULZ",0,0},{"HOFFMANN",0,0},
    {"SCHÄFER",0,0},{"KOCH",0,0},{"BAUER",0,0},{"RICHTER",0,0},{"KLEIN",0,0},{"WOLF",0,0},
    {"SCHRÖDER",0,0},{"NEUMANN",0,0},{"SCHWARZ",0,0},{"ZIMMERMANN",0,0},{"BRAUN",0,0},
    {"KRÜGER",0,0},{"HARTMANN",0,0},{"LANGE",0,0},{"WERNER",0,0},{"KRAUSE",0,0},
    {"KÖHLER",0,0},{"GROß",0,0},{"JOHANSSON",0,0},{"ANDERSSON",0,0},{"KARLSSON",0,0},
    {"NILSSON",0,0},{"ERIKSSON",0,0},{"LARSSON",0,0},{"HANSEN",0,0},{"JENSEN",0,0},
    {"NIELSEN",0,0},{"PEDERSEN",0,0},{"SØRENSEN",0,0},{"JØRGENSEN",0,0},{"ÅSTRÖM",0,0},
    {"BJÖRK",0,0},{"ÖSTERBERG",0,0},{"HÄKKINEN",0,0},{"MÄKINEN",0,0},{"VIRTANEN",0,0},
    {"LØVLAND",0,0},{"STRÖMBERG",0,0},{"VON DER LEYEN",0,0},{"MÖLLER",0,0},
};
static const name_item de_male[] = {
    {"HANS",0,0},{"PETER",0,0},{"KLAUS",0,0},{"JÜRGEN",0,0},{"JÖRG",0,0},{"UWE",0,0},
    {"STEFAN",0,0},{"ANDREAS",0,0},{"MICHAEL",0,0},{"THOMAS",0,0},{"MATTHIAS",0,0},
    {"SÖREN",0,0},{"BJÖRN",0,0},{"LARS",0,0},{"ANDERS",0,0},{"ERIK",0,0},{"MAGNUS",0,0},
    {"WOLFGANG",0,0},{"DIETER",0,0},{"GÜNTER",0,0},{"KARL",0,0},{"FRIEDRICH",0,0},
    {"JØRGEN",0,0},{"OLE",0,0},{"NIKLAS",0,0},{"MARKUS",0,0},{"TORBJØRN",0,0},
};
static const name_item de_female[] = {
    {"ANNA",0,0},{"ULRIKE",0,0},{"BÄRBEL",0,0},{"KERSTIN",0,0},{"BIRGIT",0,0},{"MAJA",0,0},
    {"ÅSA",0,0},{"INGRID",0,0},{"KARIN",0,0},{"SABINE",0,0},{"MONIKA",0,0},{"PETRA",0,0},
    {"SUSANNE",0,0},{"GRETA",0,0},{"JÖRDIS",0,0},{"SIGRÚN",0,0},{"HANNELORE",0,0},
    {"LIESELOTTE",0,0},{"KATHARINA",0,0},{"SÖLVI",0,0},{"BRITT",0,0},{"ELKE",0,0},
};

/* ---- French ---- */
static const name_item fr_surnames[] = {
    {"MARTIN",0,0},{"BERNARD",0,0},{"DUBOIS",0,0},{"THOMAS",0,0},{"ROBERT",0,0},
    {"RICHARD",0,0},{"PETIT",0,0},{"DURAND",0,0},{"LEROY",0,0},{"MOREAU",0,0},{"SIMON",0,0},
    {"LAURENT",0,0},{"LEFÈVRE",0,0},{"MICHEL",0,0},{"GARCIA",0,0},{"DAVID",0,0},
    {"BERTRAND",0,0},{"ROUX",0,0},{"VINCENT",0,0},{"FOURNIER",0,0},{"MOREL",0,0},
    {"GIRARD",0,0},{"ANDRÉ",0,0},{"MERCIER",0,0},{"DUPONT",0,0},{"LAMBERT",0,0},
    {"BONNET",0,0},{"FRANÇOIS",0,0},{"MARTINEZ",0,0},{"LEGRAND",0,0},{"GAUTHIER",0,0},
    {"CHEVALIER",0,0},{"DE LA FONTAINE",0,0},{"DE GAULLE",0,0},{"LE GALL",0,0},
    {"DU PONT",0,0},{"BÉRANGER",0,0},{"CLÉMENT",0,0},{"HÉBERT",0,0},{"LEBŒUF",0,0},
};
static const name_item fr_male[] = {
    {"JEAN",0,0},{"PIERRE",0,0},{"MICHEL",0,0},{"ANDRÉ",0,0},{"PHILIPPE",0,0},{"RENÉ",0,0},
    {"FRANÇOIS",0,0},{"JÉRÔME",0,0},{"NICOLAS",0,0},{"LOUIS",0,0},{"JACQUES",0,0},
    {"GÉRARD",0,0},{"FRÉDÉRIC",0,0},{"STÉPHANE",0,0},{"SÉBASTIEN",0,0},{"THIERRY",0,0},
    {"OLIVIER",0,0},{"CHRISTOPHE",0,0},{"LAURENT",0,0},{"YVES",0,0},{"ÉMILE",0,0},
    {"JEAN-PIERRE",0,0},{"JEAN-LUC",0,0},{"LOÏC",0,0},
};
static const name_item fr_female[] = {
    {"MARIE",0,0},{"NATHALIE",0,0},{"ISABELLE",0,0},{"SYLVIE",0,0},{"CATHERINE",0,0},
    {"FRANÇOISE",0,0},{"HÉLÈNE",0,0},{"CÉLINE",0,0},{"VALÉRIE",0,0},{"CHRISTINE",0,0},
    {"SOPHIE",0,0},{"AURÉLIE",0,0},{"ÉLODIE",0,0},{"CLÉMENCE",0,0},{"MÉLANIE",0,0},
    {"JOSÉPHINE",0,0},{"GENEVIÈVE",0,0},{"BÉATRICE",0,0},{"CHLOÉ",0,0},{"ZOÉ",0,0},
    {"MARIE-CLAIRE",0,0},{"ANNE-SOPHIE",0,0},{"NOËLLE",0,0},
};

/* ---- Hungarian (family name first) ---- */
static const name_item hu_surnames[] = {
    {"NAGY",0,0},{"KOVÁCS",0,0},{"TÓTH",0,0},{"SZABÓ",0,0},{"HORVÁTH",0,0},{"VARGA",0,0},
    {"KISS",0,0},{"MOLNÁR",0,0},{"NÉMETH",0,0},{"FARKAS",0,0},{"BALOGH",0,0},{"PAPP",0,0},
    {"TAKÁCS",0,0},{"JUHÁSZ",0,0},{"LAKATOS",0,0},{"MÉSZÁROS",0,0},{"OLÁH",0,0},{"SIMON",0,0},
    {"RÁCZ",0,0},{"FEKETE",0,0},{"SZŰCS",0,0},{"BÍRÓ",0,0},{"GYŐRI",0,0},{"KŐVÁRI",0,0},
};
static const name_item hu_male[] = {
    {"LÁSZLÓ",0,0},{"ISTVÁN",0,0},{"JÓZSEF",0,0},{"JÁNOS",0,0},{"ZOLTÁN",0,0},{"SÁNDOR",0,0},
    {"GÁBOR",0,0},{"FERENC",0,0},{"ATTILA",0,0},{"PÉTER",0,0},{"TAMÁS",0,0},{"ZSOLT",0,0},
    {"TIBOR",0,0},{"ANDRÁS",0,0},{"CSABA",0,0},{"IMRE",0,0},{"LAJOS",0,0},{"GYÖRGY",0,0},
    {"BALÁZS",0,0},{"GYULA",0,0},{"ÖDÖN",0,0},{"BENDEGÚZ",0,0},
};
static const name_item hu_female[] = {
    {"MÁRIA",0,0},{"ERZSÉBET",0,0},{"KATALIN",0,0},{"ÉVA",0,0},{"ILONA",0,0},{"ANNA",0,0},
    {"ZSUZSANNA",0,0},{"MARGIT",0,0},{"JUDIT",0,0},{"ÁGNES",0,0},{"ANDREA",0,0},
    {"ERIKA",0,0},{"KRISZTINA",0,0},{"ESZTER",0,0},{"ORSOLYA",0,0},{"TÜNDE",0,0},
    {"ENIKŐ",0,0},{"GYÖNGYI",0,0},
};

/* ---- Vietnamese surnames (given names: data/lists/vietnamese-given-names) ---- */
static const name_item vn_surnames[] = {
    {"NGUYỄN",0,380},{"TRẦN",0,110},{"LÊ",0,95},{"PHẠM",0,71},{"HOÀNG",0,51},{"HUỲNH",0,51},
    {"PHAN",0,45},{"VŨ",0,39},{"VÕ",0,39},{"ĐẶNG",0,21},{"BÙI",0,20},{"ĐỖ",0,14},{"HỒ",0,13},
    {"NGÔ",0,13},{"DƯƠNG",0,10},{"LÝ",0,5},{"ĐINH",0,4},{"TRƯƠNG",0,4},{"LƯƠNG",0,3},
    {"TRỊNH",0,3},{"ĐOÀN",0,3},{"LÂM",0,2},{"MAI",0,2},{"TÔ",0,1},{"HÀ",0,2},
};

/* ---- Chinese: Han with Hanyu Pinyin (readings without ambiguity) ---- */
static const name_item cn_surnames[] = {
    {"王","WANG",71},{"李","LI",79},{"张","ZHANG",68},{"刘","LIU",54},{"陈","CHEN",45},
    {"杨","YANG",31},{"黄","HUANG",22},{"赵","ZHAO",21},{"吴","WU",20},{"周","ZHOU",19},
    {"徐","XU",13},{"孙","SUN",13},{"马","MA",11},{"朱","ZHU",11},{"胡","HU",10},
    {"郭","GUO",10},{"何","HE",9},{"高","GAO",9},{"林","LIN",9},{"罗","LUO",9},
    {"郑","ZHENG",8},{"梁","LIANG",8},{"谢","XIE",6},{"宋","SONG",5},{"唐","TANG",5},
    {"许","XU",5},{"韩","HAN",5},{"冯","FENG",5},{"邓","DENG",5},{"曹","CAO",5},
    {"彭","PENG",5},{"肖","XIAO",4},{"田","TIAN",4},{"董","DONG",4},{"袁","YUAN",4},
    {"潘","PAN",4},{"蒋","JIANG",4},{"蔡","CAI",4},{"杜","DU",4},{"叶","YE",4},
    {"程","CHENG",3},{"苏","SU",3},{"魏","WEI",3},{"丁","DING",3},{"任","REN",3},
    {"沈","SHEN",3},{"姚","YAO",3},{"卢","LU",3},{"崔","CUI",3},{"钟","ZHONG",3},
    {"谭","TAN",3},{"陆","LU",3},{"汪","WANG",3},{"范","FAN",2},{"金","JIN",2},
    {"廖","LIAO",2},{"夏","XIA",2},{"方","FANG",2},{"白","BAI",2},{"邹","ZOU",2},
    {"孟","MENG",2},{"熊","XIONG",2},{"秦","QIN",2},{"邱","QIU",2},{"江","JIANG",2},
    {"尹","YIN",2},{"薛","XUE",2},{"段","DUAN",2},{"雷","LEI",2},{"侯","HOU",2},
    {"龙","LONG",2},{"史","SHI",2},{"陶","TAO",1},{"贺","HE",1},{"顾","GU",1},
    {"毛","MAO",1},{"郝","HAO",1},{"龚","GONG",1},{"邵","SHAO",1},{"钱","QIAN",1},
    {"严","YAN",1},{"戴","DAI",1},{"孔","KONG",1},{"向","XIANG",1},{"汤","TANG",1},
};
static const name_item cn_given[] = {
    {"伟","WEI",0},{"芳","FANG",0},{"娜","NA",0},{"敏","MIN",0},{"静","JING",0},{"丽","LI",0},
    {"强","QIANG",0},{"磊","LEI",0},{"军","JUN",0},{"洋","YANG",0},{"勇","YONG",0},
    {"艳","YAN",0},{"杰","JIE",0},{"娟","JUAN",0},{"涛","TAO",0},{"明","MING",0},
    {"超","CHAO",0},{"秀","XIU",0},{"霞","XIA",0},{"平","PING",0},{"刚","GANG",0},
    {"桂","GUI",0},{"英","YING",0},{"华","HUA",0},{"玉","YU",0},{"兰","LAN",0},{"文","WEN",0},
    {"建","JIAN",0},{"国","GUO",0},{"志","ZHI",0},{"海","HAI",0},{"林","LIN",0},
    {"小","XIAO",0},{"红","HONG",0},{"春","CHUN",0},{"金","JIN",0},{"凤","FENG",0},
    {"宇","YU",0},{"浩","HAO",0},{"俊","JUN",0},{"鹏","PENG",0},{"辉","HUI",0},{"鑫","XIN",0},
    {"波","BO",0},{"斌","BIN",0},{"宏","HONG",0},{"峰","FENG",0},{"飞","FEI",0},
    {"晨","CHEN",0},{"博","BO",0},{"欣","XIN",0},{"婷","TING",0},{"雪","XUE",0},
    {"琳","LIN",0},{"慧","HUI",0},{"颖","YING",0},{"佳","JIA",0},{"思","SI",0},{"雨","YU",0},
    {"梦","MENG",0},{"子","ZI",0},{"轩","XUAN",0},{"涵","HAN",0},{"怡","YI",0},{"嘉","JIA",0},
    {"晓","XIAO",0},{"东","DONG",0},{"永","YONG",0},{"德","DE",0},{"成","CHENG",0},
    {"福","FU",0},{"生","SHENG",0},{"庆","QING",0},{"祥","XIANG",0},{"瑞","RUI",0},
    {"元","YUAN",0},{"安","AN",0},{"新","XIN",0},{"江","JIANG",0},{"山","SHAN",0},
    {"光","GUANG",0},{"天","TIAN",0},{"荣","RONG",0},{"云","YUN",0},{"学","XUE",0},
    {"家","JIA",0},{"立","LI",0},{"龙","LONG",0},{"亮","LIANG",0},{"健","JIAN",0},
    {"世","SHI",0},{"振","ZHEN",0},{"昊","HAO",0},{"然","RAN",0},{"泽","ZE",0},
    {"晶","JING",0},{"倩","QIAN",0},{"琴","QIN",0},{"梅","MEI",0},{"莉","LI",0},
    {"萍","PING",0},{"燕","YAN",0},{"玲","LING",0},{"珍","ZHEN",0},{"淑","SHU",0},
    {"惠","HUI",0},{"洁","JIE",0},{"宁","NING",0},{"欢","HUAN",0},{"晴","QING",0},
    {"瑶","YAO",0},{"楠","NAN",0},{"璐","LU",0},{"青","QING",0},{"翔","XIANG",0},
    {"鸿","HONG",0},{"毅","YI",0},{"帆","FAN",0},{"航","HANG",0},{"睿","RUI",0},
    {"哲","ZHE",0},{"铭","MING",0},{"诚","CHENG",0},{"旭","XU",0},{"阳","YANG",0},
    {"凯","KAI",0},{"豪","HAO",0},{"坤","KUN",0},{"卫","WEI",0},{"民","MIN",0},
    {"忠","ZHONG",0},{"武","WU",0},{"森","SEN",0},{"泉","QUAN",0},{"媛","YUAN",0},
};

/* ---- Korean: Hangul with passport spellings (the first is the most usual) ---- */
static const name_item kr_surnames[] = {
    {"김","KIM|GIM",215},{"이","LEE|YI|RHEE|RI",147},{"박","PARK|BAK|PAK",84},
    {"최","CHOI|CHOE",47},{"정","JUNG|JEONG|CHUNG",44},{"강","KANG|GANG",23},
    {"조","CHO|JO",21},{"윤","YOON|YUN",20},{"장","JANG|CHANG",20},{"임","LIM|IM|YIM",17},
    {"한","HAN",15},{"오","OH|O",15},{"서","SEO|SUH",15},{"신","SHIN|SIN",14},
    {"권","KWON|GWON",14},{"황","HWANG",14},{"안","AHN|AN",13},{"송","SONG",13},
    {"전","JEON|JUN|CHUN",11},{"홍","HONG",11},{"유","YOO|YU",11},{"고","KO|GO",9},
    {"문","MOON|MUN",9},{"양","YANG",9},{"손","SON|SOHN",9},{"배","BAE|PAE",8},
    {"백","BAEK|PAIK",7},{"허","HEO|HUH",6},{"남","NAM",5},{"심","SIM|SHIM",5},
    {"노","NOH|ROH|NO",5},{"하","HA",5},{"곽","KWAK|GWAK",4},{"성","SUNG|SEONG",4},
    {"차","CHA",4},{"주","JOO|JU",4},{"우","WOO|U",4},{"구","KOO|GU",4},{"민","MIN",3},
};
static const name_item kr_given[] = {
    {"민","MIN",0},{"준","JUN|JOON",0},{"서","SEO",0},{"지","JI",0},{"현","HYUN|HYEON",0},
    {"수","SU|SOO",0},{"영","YOUNG|YEONG",0},{"재","JAE",0},{"성","SUNG|SEONG",0},
    {"진","JIN",0},{"우","WOO|U",0},{"하","HA",0},{"은","EUN",0},{"윤","YUN|YOON",0},
    {"예","YE",0},{"도","DO",0},{"호","HO",0},{"혜","HYE",0},{"동","DONG",0},{"상","SANG",0},
    {"정","JUNG|JEONG",0},{"희","HEE|HUI",0},{"경","KYUNG|GYEONG",0},{"태","TAE",0},
    {"석","SEOK|SUK",0},{"연","YEON|YUN",0},{"원","WON",0},{"승","SEUNG",0},{"세","SE",0},
    {"주","JU|JOO",0},{"혁","HYUK|HYEOK",0},{"용","YONG",0},{"철","CHUL|CHEOL",0},
    {"종","JONG",0},{"기","KI|GI",0},{"병","BYUNG|BYEONG",0},{"광","KWANG|GWANG",0},
    {"선","SUN|SEON",0},{"미","MI",0},{"나","NA",0},{"소","SO",0},{"아","A",0},{"빈","BIN",0},
    {"건","GEON|GUN",0},{"시","SI|SHI",0},{"범","BEOM|BUM",0},{"훈","HOON|HUN",0},
    {"명","MYUNG|MYEONG",0},{"규","KYU|GYU",0},{"찬","CHAN",0},{"인","IN",0},
};

/* ---- Russian (Cyrillic; Latin by a romanization scheme in bench_gen.c) ---- */
static const name_item ru_surnames[] = {
    {"Иванов",0,0},{"Смирнов",0,0},{"Кузнецов",0,0},{"Попов",0,0},{"Васильев",0,0},
    {"Петров",0,0},{"Соколов",0,0},{"Михайлов",0,0},{"Новиков",0,0},{"Фёдоров",0,0},
    {"Морозов",0,0},{"Волков",0,0},{"Алексеев",0,0},{"Лебедев",0,0},{"Семёнов",0,0},
    {"Егоров",0,0},{"Павлов",0,0},{"Козлов",0,0},{"Степанов",0,0},{"Николаев",0,0},
    {"Орлов",0,0},{"Андреев",0,0},{"Макаров",0,0},{"Никитин",0,0},{"Захаров",0,0},
    {"Зайцев",0,0},{"Соловьёв",0,0},{"Борисов",0,0},{"Яковлев",0,0},{"Григорьев",0,0},
    {"Романов",0,0},{"Воробьёв",0,0},{"Сергеев",0,0},{"Кузьмин",0,0},{"Фролов",0,0},
    {"Александров",0,0},{"Дмитриев",0,0},{"Королёв",0,0},{"Гусев",0,0},{"Киселёв",0,0},
    {"Ильин",0,0},{"Максимов",0,0},{"Поляков",0,0},{"Сорокин",0,0},{"Виноградов",0,0},
    {"Ковалёв",0,0},{"Белов",0,0},{"Медведев",0,0},{"Антонов",0,0},{"Тарасов",0,0},
    {"Жуков",0,0},{"Баранов",0,0},{"Филиппов",0,0},{"Комаров",0,0},{"Давыдов",0,0},
    {"Беляев",0,0},{"Герасимов",0,0},{"Богданов",0,0},{"Осипов",0,0},{"Сидоров",0,0},
    {"Щербаков",0,0},{"Чернышёв",0,0},{"Хрущёв",0,0},{"Юдин",0,0},{"Цветков",0,0},
    {"Шевченко",0,0},{"Коваленко",0,0},{"Бондаренко",0,0},{"Ткаченко",0,0},
    {"Кравченко",0,0},{"Ковальчук",0,0},{"Вишневский",0,0},{"Жуковский",0,0},
};
/* male names with the patronymics they give (son, daughter) */
typedef struct ru_male_item { const char *name, *son, *daughter; } ru_male_item;
static const ru_male_item ru_male[] = {
    {"Александр","Александрович","Александровна"},{"Сергей","Сергеевич","Сергеевна"},
    {"Дмитрий","Дмитриевич","Дмитриевна"},{"Андрей","Андреевич","Андреевна"},
    {"Алексей","Алексеевич","Алексеевна"},{"Максим","Максимович","Максимовна"},
    {"Евгений","Евгеньевич","Евгеньевна"},{"Иван","Иванович","Ивановна"},
    {"Михаил","Михайлович","Михайловна"},{"Артём","Артёмович","Артёмовна"},
    {"Николай","Николаевич","Николаевна"},{"Владимир","Владимирович","Владимировна"},
    {"Юрий","Юрьевич","Юрьевна"},{"Олег","Олегович","Олеговна"},{"Павел","Павлович","Павловна"},
    {"Виктор","Викторович","Викторовна"},{"Игорь","Игоревич","Игоревна"},
    {"Роман","Романович","Романовна"},{"Денис","Денисович","Денисовна"},
    {"Антон","Антонович","Антоновна"},{"Илья","Ильич","Ильинична"},
    {"Василий","Васильевич","Васильевна"},{"Пётр","Петрович","Петровна"},
    {"Григорий","Григорьевич","Григорьевна"},{"Анатолий","Анатольевич","Анатольевна"},
    {"Константин","Константинович","Константиновна"},{"Вячеслав","Вячеславович","Вячеславовна"},
    {"Борис","Борисович","Борисовна"},{"Валерий","Валерьевич","Валерьевна"},
    {"Кирилл","Кириллович","Кирилловна"},{"Геннадий","Геннадьевич","Геннадьевна"},
    {"Леонид","Леонидович","Леонидовна"},{"Фёдор","Фёдорович","Фёдоровна"},
    {"Георгий","Георгиевич","Георгиевна"},{"Егор","Егорович","Егоровна"},
    {"Яков","Яковлевич","Яковлевна"},{"Эдуард","Эдуардович","Эдуардовна"},
};
static const name_item ru_female[] = {
    {"Елена",0,0},{"Ольга",0,0},{"Наталья",0,0},{"Татьяна",0,0},{"Ирина",0,0},
    {"Светлана",0,0},{"Анна",0,0},{"Мария",0,0},{"Екатерина",0,0},{"Юлия",0,0},
    {"Анастасия",0,0},{"Марина",0,0},{"Людмила",0,0},{"Галина",0,0},{"Надежда",0,0},
    {"Оксана",0,0},{"Валентина",0,0},{"Дарья",0,0},{"Ксения",0,0},{"Алёна",0,0},
    {"Виктория",0,0},{"Евгения",0,0},{"Любовь",0,0},{"Вера",0,0},{"Полина",0,0},
    {"Софья",0,0},{"Алина",0,0},{"Кристина",0,0},{"Елизавета",0,0},{"Лариса",0,0},
};

/* ---- Greek (capitals, as on Greek documents) with ELOT 743 passport Latin ---- */
static const name_item gr_surnames_m[] = {
    {"ΠΑΠΑΔΟΠΟΥΛΟΣ","PAPADOPOULOS",0},{"ΠΑΠΑΔΑΚΗΣ","PAPADAKIS",0},{"ΓΕΩΡΓΙΟΥ","GEORGIOU",0},
    {"ΝΙΚΟΛΑΟΥ","NIKOLAOU",0},{"ΙΩΑΝΝΟΥ","IOANNOU",0},{"ΒΑΣΙΛΕΙΟΥ","VASILEIOU",0},
    {"ΚΩΝΣΤΑΝΤΙΝΙΔΗΣ","KONSTANTINIDIS",0},{"ΑΝΤΩΝΙΟΥ","ANTONIOU",0},
    {"ΔΗΜΗΤΡΙΟΥ","DIMITRIOU",0},{"ΟΙΚΟΝΟΜΟΥ","OIKONOMOU",0},{"ΜΑΚΡΗΣ","MAKRIS",0},
    {"ΠΑΠΠΑΣ","PAPPAS",0},{"ΚΑΡΑΛΗΣ","KARALIS",0},{"ΘΕΟΔΩΡΟΥ","THEODOROU",0},
    {"ΧΡΙΣΤΟΔΟΥΛΟΥ","CHRISTODOULOU",0},{"ΜΙΧΑΗΛΙΔΗΣ","MICHAILIDIS",0},
    {"ΣΤΑΥΡΟΠΟΥΛΟΣ","STAVROPOULOS",0},{"ΑΛΕΞΙΟΥ","ALEXIOU",0},{"ΨΑΡΡΑΣ","PSARRAS",0},
    {"ΖΑΧΑΡΙΑΔΗΣ","ZACHARIADIS",0},{"ΛΑΜΠΡΟΠΟΥΛΟΣ","LAMPROPOULOS",0},
    {"ΦΩΤΙΟΥ","FOTIOU",0},{"ΘΕΟΧΑΡΗΣ","THEOCHARIS",0},{"ΞΕΝΑΚΗΣ","XENAKIS",0},
};
static const name_item gr_male[] = {
    {"ΓΕΩΡΓΙΟΣ","GEORGIOS",0},{"ΔΗΜΗΤΡΙΟΣ","DIMITRIOS",0},{"ΙΩΑΝΝΗΣ","IOANNIS",0},
    {"ΚΩΝΣΤΑΝΤΙΝΟΣ","KONSTANTINOS",0},{"ΝΙΚΟΛΑΟΣ","NIKOLAOS",0},
    {"ΠΑΝΑΓΙΩΤΗΣ","PANAGIOTIS",0},{"ΒΑΣΙΛΕΙΟΣ","VASILEIOS",0},{"ΧΡΗΣΤΟΣ","CHRISTOS",0},
    {"ΑΘΑΝΑΣΙΟΣ","ATHANASIOS",0},{"ΜΙΧΑΗΛ","MICHAIL",0},{"ΑΝΤΩΝΙΟΣ","ANTONIOS",0},
    {"ΣΠΥΡΙΔΩΝ","SPYRIDON",0},{"ΘΕΟΔΩΡΟΣ","THEODOROS",0},{"ΣΤΑΥΡΟΣ","STAVROS",0},
    {"ΑΛΕΞΑΝΔΡΟΣ","ALEXANDROS",0},{"ΠΕΤΡΟΣ","PETROS",0},{"ΗΛΙΑΣ","ILIAS",0},
};
static const name_item gr_female[] = {
    {"ΜΑΡΙΑ","MARIA",0},{"ΕΛΕΝΗ","ELENI",0},{"ΑΙΚΑΤΕΡΙΝΗ","AIKATERINI",0},
    {"ΒΑΣΙΛΙΚΗ","VASILIKI",0},{"ΣΟΦΙΑ","SOFIA",0},{"ΓΕΩΡΓΙΑ","GEORGIA",0},
    {"ΔΗΜΗΤΡΑ","DIMITRA",0},{"ΚΩΝΣΤΑΝΤΙΝΑ","KONSTANTINA",0},{"ΕΙΡΗΝΗ","EIRINI",0},
    {"ΧΡΙΣΤΙΝΑ","CHRISTINA",0},{"ΑΝΑΣΤΑΣΙΑ","ANASTASIA",0},{"ΔΕΣΠΟΙΝΑ","DESPOINA",0},
    {"ΘΕΟΔΩΡΑ","THEODORA",0},{"ΖΩΗ","ZOI",0},
};

/* ---- Arabic names in Latin: romanization variants of each name ---- */
static const name_item ar_surnames[] = {
    {0,"AL-ZAHRANI|AL ZAHRANI|ALZAHRANI",0},{0,"AL-GHAMDI|AL GHAMDI|ALGHAMDI",0},
    {0,"AL-QAHTANI|AL-KAHTANI|AL QAHTANI",0},{0,"AL-OTAIBI|AL-UTAYBI|AL OTAIBI",0},
    {0,"HUSSEIN|HUSSAIN|HUSAYN|HOSSEIN",0},{0,"HADDAD|HADAD",0},{0,"KHOURY|KHOURI|KHURI",0},
    {0,"MANSOUR|MANSUR",0},{0,"NASSER|NASIR|NASER",0},{0,"ABBAS",0},{0,"SALEH|SALIH",0},
    {0,"GADDAFI|QADHAFI|KADHAFI|GADAFI|QADDAFI",0},{0,"AL-ZAWAHIRI|AL-ZAWAHRI|EL ZAWAHIRI",0},
    {0,"AL-MASRI|EL-MASRY|AL MASRI",0},{0,"EL-SAYED|AL-SAYYID|ELSAYED|EL SAYED",0},
    {0,"HAQQANI|HAKKANI",0},{0,"AL-BAGHDADI|AL BAGHDADI",0},{0,"AL-ASSAD|AL-ASAD|EL ASSAD",0},
    {0,"SHAWKAT|SHAUKAT",0},{0,"BARZANI",0},{0,"AL-HASHIMI|AL-HASHEMI|EL HACHEMI",0},
    {0,"OTHMAN|OSMAN|UTHMAN",0},{0,"AL-TIKRITI|AL TIKRITI",0},{0,"YASSIN|YASIN|YASSINE",0},
    {0,"HAMDAN",0},{0,"BOUAZIZI|BUAZIZI",0},{0,"BEN ALI|BIN ALI",0},{0,"KHALIFA|KHALIFAH",0},
};
static const name_item ar_male[] = {
    {0,"MOHAMMED|MUHAMMAD|MOHAMED|MOHAMMAD|MOHAMAD|MUHAMMED",300},{0,"AHMED|AHMAD",90},
    {0,"ALI",80},{0,"OMAR|UMAR",50},{0,"KHALED|KHALID",45},{0,"HASSAN|HASAN",45},
    {0,"HUSSEIN|HUSSAIN|HUSAYN|HOSSEIN",40},{0,"IBRAHIM|EBRAHIM",35},
    {0,"YOUSSEF|YUSUF|YOUSEF|YOUSSOUF",35},{0,"MUSTAFA|MOSTAFA|MUSTAPHA",30},
    {0,"ABDULLAH|ABDALLAH|ABDULLA",30},{0,"MAHMOUD|MAHMUD",25},{0,"SAEED|SAID|SAYED",20},
    {0,"TARIQ|TAREK|TARIK",18},{0,"HAMZA|HAMZAH",15},{0,"BILAL",12},{0,"KARIM|KAREEM",12},
    {0,"NASSER|NASIR|NASER",12},{0,"JAMAL|GAMAL",10},{0,"WALID|WALEED",10},
    {0,"FAISAL|FAYSAL",10},{0,"ZIAD|ZIYAD",8},{0,"ADEL|ADIL",8},{0,"RASHID|RACHID|RASHEED",8},
    {0,"OSAMA|USAMA|OUSSAMA",8},{0,"AYMAN|AIMAN",7},{0,"ABDUL RAHMAN|ABDEL RAHMAN|ABD AL RAHMAN",15},
    {0,"ABDUL AZIZ|ABDEL AZIZ|ABD AL AZIZ",10},{0,"ABDUL KARIM|ABDEL KARIM|ABD AL KARIM",8},
    {0,"ABDUL MAJID|ABDEL MAGID|ABD AL MAJID",6},{0,"ABDUL HAMID|ABDEL HAMID|ABD AL HAMID",6},
    {0,"ABU BAKR|ABOU BAKR|ABUBAKAR",6},{0,"SALAH|SALAHUDDIN",6},{0,"YASSER|YASIR",6},
};
static const name_item ar_female[] = {
    {0,"FATIMA|FATMA|FATIMAH",60},{0,"AISHA|AICHA|AYESHA",40},{0,"MARYAM|MARIAM|MERIEM",40},
    {0,"ZAINAB|ZEINAB|ZAYNAB",30},{0,"KHADIJA|KHADIJAH|KHEDIDJA",30},{0,"NOUR|NUR|NOOR",25},
    {0,"LAYLA|LEILA|LAILA",25},{0,"HANAN",15},{0,"SALMA|SELMA",15},{0,"AMINA|AMINAH",15},
    {0,"HUDA|HODA",10},{0,"RANIA|RANIYA",10},{0,"SAMIRA|SAMIRAH",10},{0,"YASMIN|YASMINE|JASMINE",10},
};

/* ---- Rarer surnames, built from the parts of real ones (prefix × suffix), so
 * that a million entries are not all namesakes. Share of each culture's
 * surnames drawn from them: gen.c tail_share. Greek and Russian parts are in
 * their script, with the Greek parts' passport Latin after '|'. ---- */
static const char *const en_pre[] = {"ASH","BRAD","CALD","CRAN","DUN","FAIR","HAR","HOLL","KINGS","LANG",
    "MAR","NORTH","PEMB","RAD","SHEL","STAN","THORN","WAL","WEST","WHIT","WINS","ALD","BLACK","BROOK",
    "CHAT","DAR","ELL","FARN","GOLD","HAWK","LIN","MORE","OAK","PRES","RIDG","SOUTH","STRAT","WOOD"};
static const char *const en_suf[] = {"WORTH","LEY","TON","FORD","FIELD","WOOD","BY","HAM","WELL","BURY",
    "COTT","DALE","HURST","INGTON","MORE","STONE","WICK","LOW","SHAW","BRIDGE","SON","ER"};
static const char *const es_pre[] = {"ALBA","BARR","CAST","ECHE","GAL","IRI","LAR","MEND","OLA","SAL","URI",
    "VILLA","ZAB","ARAN","BEL","CAB","CAR","ESC","FIG","GAR","LOZ","MAD","MIR","PAR","QUIR","RIV","SAN","TOR",
    "VAL","ZAM"};
static const char *const es_suf[] = {"RRA","NO","DO","VERDE","GOITIA","NEDA","ARTE","BAL","ÁN","IETA","UELO",
    "EDO","ERO","ÍAS","ADA","ANO","ÓN","ILLO","ÚA","EIRA","INHO","AL"};
static const char *const de_pre[] = {"ALT","BERG","EICH","FELD","GRÜN","HOCH","KALT","LIND","MÜHL","ROSEN",
    "SCHÖN","STEIN","WEIß","BUCH","DORN","ENGEL","FRÖH","GOLD","HAHN","KÖNIGS","LÖW","NORD","SÖDER","STRAND",
    "TAL","VOß","WALD","ÅBERG","HÖG","KJÆR"};
static const char *const de_suf[] = {"BACH","BERGER","HAUSER","MANN","MEIER","HOFER","LÄNDER","STRÖM",
    "QVIST","LUND","GAARD","HOLM","MÜLLER","BAUER","SCHMIDT","FELDT","BRINK","GREN","SEN","BY"};
static const char *const fr_pre[] = {"BEAU","BON","CHAMP","DE LA ","DU","FONT","GRAND","LA","MONT","PETIT",
    "ROCHE","SAINT-","VAL","BEL","CHÂTEAU","CLAIR","DES","FOUR","LE ","MAR","PLESS","RIV","VER","VILLE"};
static const char *const fr_suf[] = {"CHAMP","FORT","LIEU","MONT","PRÉ","RIVIÈRE","VERT","BOIS","COURT",
    "NIER","AUD","EAU","ET","IER","OT","ARD","ELLE","ÈRE","ON","ÉE"};
static const char *const hu_pre[] = {"BAR","FEH","GÁL","HEGY","KER","KIS","NAGY","SZEN","VÁR","TÖR","ALM",
    "BOD","CSÁK","DEÁK","ERD","FÖLD","GERG","HALM","JÁSZ","KOV","LOSS","MAD","ORB","PÁLF","RÉT","SÁR","TAM",
    "ZÖLD"};
static const char *const hu_suf[] = {"ÉNYI","ESI","ÓDI","ÁNYI","ÉKI","ŐSI","ÁSZ","AI","ÓCZI","ÁCS","OS","ÜL",
    "Y","ÉRI","ÁRI"};
static const char *const ru_pre[] = {"Бел","Бог","Вол","Гор","Дуб","Жук","Зим","Кам","Лес","Мал","Нов",
    "Пол","Рыб","Сок","Тих","Чер","Щег","Яр","Крас","Сух","Глад","Добр","Кор","Лыс","Мир","Шир","Хлеб",
    "Ёлк","Юр","Цвет","Быстр","Ветр","Гром","Журавл","Зыб","Ильм","Ключ","Луг","Медв","Ост"};
static const char *const ru_suf[] = {"ов","ев","ин","ский","енко","ицкий","анов","ышев","ютин","яев",
    "унов","ёнок","овский","аков","ихин","уев","чук"};
static const char *const gr_pre[] = {"ΑΝΔΡ|ANDR","ΧΑΤΖ|CHATZ","ΔΗΜ|DIM","ΚΑΡ|KAR","ΚΩΣΤ|KOST",
    "ΛΑΜΠΡ|LAMPR","ΜΑΝ|MAN","ΝΙΚ|NIK","ΠΑΠ|PAP","ΣΑΚ|SAK","ΣΤΑΜ|STAM","ΤΣΑΚ|TSAK","ΒΛΑΧ|VLACH",
    "ΖΑΦ|ZAF","ΘΕΟΧ|THEOCH","ΞΥΔ|XYD","ΦΡΑΓΚ|FRAGK","ΨΥΧ|PSYCH","ΡΟΥΣΣ|ROUSS","ΓΙΑΝΝ|GIANN"};
static const char *const gr_suf[] = {"ΟΠΟΥΛΟΣ|OPOULOS","ΑΚΗΣ|AKIS","ΙΔΗΣ|IDIS","ΙΟΥ|IOU","ΑΤΟΣ|ATOS",
    "ΑΣ|AS","ΕΛΛΗΣ|ELLIS","ΟΥΔΗΣ|OUDIS","ΑΡΑΣ|ARAS","ΙΩΤΗΣ|IOTIS"};
static const char *const ar_pre[] = {"ANSARI","BAKRI","DAOUD","FARES","HAKIM","JABER","KHATIB","MALIK",
    "NAJJAR","QASIM","RIFAI","SABBAGH","TAMIMI","ZUBAIDI","OBEIDI","SHAMMARI","DULAIMI","JUBOURI","KUBAISI",
    "MARRI","NUAIMI","QURASHI","SAADI","SHEIKH","TAHA","YAMANI","ZAIDI","AZZAM","BARGHOUTI","HAMADI"};
static const char *const ar_suf[] = {"AL-|EL-|AL ","","ABU |ABOU ","BIN |BEN ","EL-|AL-"};

#endif
