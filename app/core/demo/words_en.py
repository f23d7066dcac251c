"""English texts of the demo corpus: sentence templates and slot vocabulary, parallel to tg and ru.

Every list here has the same length and order as in ``words_tg`` and ``words_ru``: entry *k* of
one language is the translation of entry *k* of the others, so a statement built from the same
indices reads the same in all three. Slots in braces are filled by ``corpus``; English needs no
case forms, so the ``*_gen``/``*_acc``/``*_prep`` slots of Russian repeat the base form here.
"""

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DATE = "{day} {month} {year}"
DECIMAL = "."
THOUSANDS = ","
UNITS = {
    "jobs": "{} jobs",
    "students": "{} pupils",
    "beds": "{} beds",
    "money": "USD {} million",
}

COUNTRIES = (
    "Kazakhstan",
    "Uzbekistan",
    "Kyrgyzstan",
    "Turkmenistan",
    "the Russian Federation",
    "China",
    "Iran",
    "Türkiye",
    "Germany",
    "France",
    "India",
    "Pakistan",
    "Japan",
    "the Republic of Korea",
    "the United Arab Emirates",
    "Qatar",
    "Saudi Arabia",
    "Italy",
    "Switzerland",
    "Austria",
    "Hungary",
    "Belarus",
    "Azerbaijan",
    "Egypt",
    "Malaysia",
    "Indonesia",
    "Mongolia",
    "Kuwait",
    "Finland",
)
ROLES = (
    "the Minister of Foreign Affairs",
    "the Prime Minister",
    "the Speaker of the Parliament",
    "the Minister of Economy",
    "the Minister of Energy",
    "the Deputy Prime Minister",
    "the Ambassador Extraordinary and Plenipotentiary",
)
OFFICIALS = (
    "Firuz Rahimzoda",
    "Daler Sharifzoda",
    "Madina Saidzoda",
    "Shahrom Nazarzoda",
    "Nigora Hakimzoda",
    "Bakhtiyor Qodirzoda",
    "Farzona Karimzoda",
    "Umed Ghafurzoda",
    "Zarina Jurazoda",
    "Rustam Ismoilzoda",
    "Manuchehr Aminzoda",
    "Saodat Latifzoda",
    "Jamshed Olimzoda",
    "Gulnora Yusufzoda",
)
POSITIONS = (
    "Minister of Education and Science",
    "Minister of Energy and Water Resources",
    "Minister of Economic Development and Trade",
    "Minister of Health and Social Protection of Population",
    "Minister of Culture",
    "Minister of Agriculture",
    "Minister of Transport",
    "Minister of Industry and New Technologies",
    "Chairman of the Committee for Youth and Sports",
)
CITIES = (
    "Khujand",
    "Bokhtar",
    "Kulob",
    "Istaravshan",
    "Panjakent",
    "Khorog",
    "Tursunzoda",
    "Vahdat",
    "Nurek",
    "Konibodom",
    "Hisor",
)
REGIONS = (
    "Sughd Region",
    "Khatlon Region",
    "Gorno-Badakhshan Autonomous Region",
    "the Districts of Republican Subordination",
)
HOLIDAYS = (
    "the New Year",
    "National Army Day",
    "Mother's Day",
    "the International Navruz Holiday",
    "Victory Day",
    "Youth Day",
    "National Unity Day",
    "the State Independence Day of the Republic of Tajikistan",
    "State Language Day",
    "Constitution Day",
    "State Flag Day",
)
ORDINALS = ("third", "fourth", "fifth", "sixth")
GENDER: dict[str, dict[str, str]] = {"m": {}, "f": {}}
GENDER2: dict[str, dict[str, str]] = {"m": {}, "f": {}}

SITES = {
    "mfa": "website of the Ministry of Foreign Affairs of the Republic of Tajikistan",
    "khovar": "website of the National Information Agency of Tajikistan Khovar",
    "energy": "website of the Ministry of Energy and Water Resources of the Republic of Tajikistan",
    "economy": "website of the Ministry of Economic Development and Trade "
    "of the Republic of Tajikistan",
    "education": "website of the Ministry of Education and Science of the Republic of Tajikistan",
    "culture": "website of the Ministry of Culture of the Republic of Tajikistan",
    "health": "website of the Ministry of Health and Social Protection of Population "
    "of the Republic of Tajikistan",
    "agriculture": "website of the Ministry of Agriculture of the Republic of Tajikistan",
    "stat": "website of the Agency on Statistics under the President of the Republic of Tajikistan",
    "water": "website of the Dushanbe Water Process",
}
LINK_SENTENCES = (
    "Further information is available on the {link}.",
    "The full text is published on the {link}.",
)
QUOTE = "> “{}.”"
QUOTE_INTROS = (
    "The Head of State stressed:",
    "Addressing the participants, the President said:",
    "The President of the Republic of Tajikistan noted:",
)
DOCUMENTS_INTRO = "The following documents were signed following the talks:"
DOCUMENTS = (
    "Memorandum of understanding on cooperation in education",
    "Agreement on the mutual protection of investments",
    "Programme of cultural cooperation for three years",
    "Memorandum on cooperation in healthcare",
    "Agreement on international road transport",
    "Memorandum on cooperation in tourism",
    "Agreement on cooperation in agriculture",
    "Plan of consultations between the ministries of foreign affairs",
)

TOPICS = {
    "meeting": {
        "titles": (
            "Meeting with {role} of {country}",
            "The President receives {role} of {country}",
            "Talks with {role} of {country} at the Palace of the Nation",
        ),
        "leads": (
            "On {date}, the President of the Republic of Tajikistan received {role} of {country} "
            "at the Palace of the Nation.",
            "The sides discussed the current state and prospects of cooperation between "
            "Tajikistan and {country}.",
        ),
        "intros": (
            "On {date}, the President of the Republic of Tajikistan met with {role} of {country} "
            "at the Palace of the Nation. The guest conveyed warm greetings from the leadership "
            "of {country} and thanked the Tajik side for its hospitality.",
            "The meeting between the President of the Republic of Tajikistan and {role} of "
            "{country} took place on {date}. The talks were held in a constructive atmosphere of "
            "mutual understanding.",
        ),
        "headings": ("Political dialogue", "Trade and investment", "Agreements reached"),
        "sentences": (
            "The President noted that relations between Tajikistan and {country} are based on "
            "the principles of mutual respect and trust.",
            "Particular attention was paid to expanding trade, which last year reached "
            "**{trade}**.",
            "The sides agreed to hold the next meeting of the intergovernmental commission on "
            "economic cooperation in Dushanbe.",
            "The interlocutors exchanged views on regional security and the situation in "
            "Central Asia.",
            "The President expressed interest in attracting investment from {country} into "
            "industry, energy and agriculture.",
            "Cooperation in education, science and culture was described as an important area "
            "of bilateral relations.",
            "The guest highlighted the initiatives of Tajikistan on water issues, which enjoy "
            "broad support in the international community.",
            "The parties agreed to intensify contacts between the ministries of foreign affairs "
            "and to hold regular political consultations.",
            "It was noted that the opening of direct flights between Dushanbe and the capital of "
            "{country} would give new impetus to tourism and business ties.",
            "The sides reaffirmed their readiness to support each other within the United "
            "Nations and other international organisations.",
        ),
        "items_intro": "The following issues were discussed:",
        "items": (
            "strengthening the political dialogue at the highest level",
            "expanding trade and economic cooperation",
            "joint projects in energy and transport",
            "cooperation in education and healthcare",
            "cultural and humanitarian exchanges",
            "cooperation in combating transnational threats",
        ),
        "quotes": (
            "We value the friendly relations between our countries and are ready to raise our "
            "cooperation to a new level.",
            "Tajikistan is open to mutually beneficial partnership with all countries interested "
            "in peace and development.",
        ),
        "captions": (
            "The President of the Republic of Tajikistan and {role} of {country} at the Palace "
            "of the Nation",
            "Talks at the Palace of the Nation in Dushanbe",
        ),
    },
    "state_visit": {
        "titles": (
            "State visit of the President of the Republic of Tajikistan to {country}",
            "The President of Tajikistan holds talks in {country}",
            "Tajikistan and {country} sign new cooperation agreements",
        ),
        "leads": (
            "On {date}, the President of the Republic of Tajikistan arrived in {country} on a "
            "state visit at the invitation of the country's leadership.",
            "The visit programme includes talks at the highest level, a business forum and the "
            "signing of a package of documents.",
        ),
        "intros": (
            "On {date}, the President of the Republic of Tajikistan began a state visit to "
            "{country}. At the airport, the Head of State was welcomed by senior officials of the "
            "host country.",
            "The official welcome ceremony for the President of the Republic of Tajikistan took "
            "place on {date}. Following the ceremony, talks were held in a narrow format and then "
            "with the participation of the delegations.",
        ),
        "headings": (
            "Talks at the highest level",
            "Business forum",
            "Documents signed",
            "Humanitarian ties",
        ),
        "sentences": (
            "The heads of state discussed the entire range of bilateral relations and noted the "
            "positive dynamics of cooperation.",
            "At the business forum, companies from both countries signed commercial agreements "
            "worth **{money}**.",
            "The President invited entrepreneurs from {country} to invest in the free economic "
            "zones of Tajikistan.",
            "The sides adopted a joint statement on further deepening the strategic partnership.",
            "As part of the visit, the President laid a wreath at a memorial and visited a number "
            "of industrial enterprises.",
            "The parties noted the importance of developing transport corridors that connect "
            "Central Asia with world markets.",
            "Agreement was reached on opening a Tajik trading house in {country} and on "
            "simplifying procedures for exporters.",
            "The Head of State met with compatriots and Tajik students studying in {country}.",
            "The leaders agreed to declare the coming year a year of cultural exchange between "
            "the two countries.",
            "At the end of the visit, the President invited the leader of the host country to "
            "visit Tajikistan at a convenient time.",
        ),
        "items_intro": "The sides agreed to develop cooperation in the following areas:",
        "items": (
            "joint ventures in light industry and food processing",
            "cooperation in hydropower and renewable energy",
            "increasing the volume of air and rail freight",
            "academic exchanges and scholarships for students",
            "cooperation in tourism and cultural heritage",
            "regional security and stability",
        ),
        "quotes": (
            "Our peoples are bound by centuries-old ties of friendship, and we will continue to "
            "strengthen them.",
            "The agreements signed today open up new opportunities for our businesses and "
            "citizens.",
        ),
        "captions": (
            "Official welcome ceremony in {country}",
            "Talks in an expanded format",
        ),
    },
    "regional_trip": {
        "titles": (
            "Working trip of the President to {city}",
            "The President opens new facilities in {region}",
        ),
        "leads": (
            "On {date}, the President of the Republic of Tajikistan arrived in {city} on a "
            "working trip.",
            "During the trip, the Head of State will open schools, roads and industrial "
            "enterprises built in {region}.",
        ),
        "intros": (
            "On {date}, the President of the Republic of Tajikistan visited {city} as part of a "
            "working trip. The residents of the city warmly welcomed the Head of State.",
            "The working trip of the President to {region} began on {date} in {city}, where a "
            "number of new facilities were commissioned.",
        ),
        "headings": (
            "New facilities",
            "Roads and transport",
            "Social infrastructure",
            "Instructions to local authorities",
        ),
        "sentences": (
            "The President opened a new textile factory that will create **{jobs}**.",
            "A {km}-kilometre section of a motor road connecting the district centres of "
            "{region} was put into operation.",
            "The Head of State inspected the construction of a new bridge and instructed "
            "officials to complete the work on schedule.",
            "In {city}, a new school for {students} was opened, equipped with modern computer "
            "and science classrooms.",
            "The President visited a new medical centre with {beds} and talked with doctors about "
            "the quality of services.",
            "In recent years, more than {count} schools have been built and renovated in {region}.",
            "The President instructed the local authorities to pay special attention to the "
            "supply of drinking water to rural settlements.",
            "The Head of State visited a greenhouse complex and a fruit processing plant built "
            "with the participation of local entrepreneurs.",
            "A new sports complex and a park for residents were opened in the city centre.",
            "The local authorities reported on the socio-economic development of the region over "
            "the past year.",
        ),
        "items_intro": "The following facilities were put into operation:",
        "items": (
            "a textile factory with modern equipment",
            "a new road and two bridges",
            "a school and a kindergarten",
            "a medical centre for residents",
            "a drinking water supply system",
            "a sports complex for young people",
        ),
        "quotes": (
            "Every new school, road and factory is a contribution to the well-being of our people.",
            "Local authorities must ensure that every project is completed on time and with high "
            "quality.",
        ),
        "captions": (
            "The President during the working trip to {city}",
            "Opening of new facilities in {region}",
        ),
    },
    "decree": {
        "titles": (
            "Decree of the President of the Republic of Tajikistan on personnel matters",
            "New appointment: {official}",
        ),
        "leads": (
            "The President of the Republic of Tajikistan signed a decree on personnel matters "
            "on {date}.",
            "By a decree of the President of the Republic of Tajikistan, {official} has been "
            "appointed {position}.",
        ),
        "intros": (
            "On {date}, the President of the Republic of Tajikistan signed a decree under which "
            "**{official}** was appointed {position}. By the same decree, {official2} was "
            "relieved of the post of {position2} in connection with a transfer to another job.",
            "By a decree of the President of the Republic of Tajikistan of {date}, changes were "
            "made to the leadership of a number of state bodies. The decree enters into force on "
            "the day of its signing.",
        ),
        "headings": (
            "Appointments",
            "Biographical note",
            "Tasks set by the Head of State",
        ),
        "sentences": (
            "{official} was born in {city} and graduated from the Tajik National University.",
            "Before the appointment, {official} worked for many years in the civil service, "
            "including in executive positions.",
            "The President introduced the new head to the staff and wished success in the new "
            "position.",
            "The Head of State instructed the new leadership to improve the quality of public "
            "services and to fight corruption resolutely.",
            "Particular emphasis was placed on the digitalisation of administrative procedures "
            "and openness to citizens.",
            "The decree was prepared in accordance with the Constitution of the Republic of "
            "Tajikistan and the Law *On Civil Service*.",
            "The personnel changes are aimed at strengthening the management of the sector and "
            "implementing the national development strategy.",
            "The President stressed that public servants must be guided by the interests of the "
            "people and the state.",
            "The new head was given three months to present a programme for the development of "
            "the sector.",
            "The text of the decree has been sent to the relevant ministries and agencies for "
            "execution.",
        ),
        "items_intro": "The Head of State set the following tasks:",
        "items": (
            "improving the quality of public services",
            "introducing electronic document management",
            "strengthening financial discipline",
            "training qualified personnel",
            "regular reporting to the public",
            "preventing corruption in the sector",
        ),
        "quotes": (
            "Public service is, above all, service to the people.",
            "I expect the new leadership to achieve concrete results within a short time.",
        ),
        "captions": (
            "{official}, {position}",
            "The building of the Executive Office of the President of the Republic of Tajikistan",
        ),
    },
    "congratulation": {
        "titles": (
            "Congratulatory message on the occasion of {holiday}",
            "The President congratulates the people of Tajikistan on {holiday}",
        ),
        "leads": (
            "The President of the Republic of Tajikistan addressed the people of the country with "
            "a congratulatory message on the occasion of {holiday}.",
            "In the message, the Head of State wished every family peace, prosperity and "
            "happiness.",
        ),
        "intros": (
            "On {date}, the President of the Republic of Tajikistan sincerely congratulated the "
            "people of Tajikistan and compatriots abroad on {holiday}. The message was broadcast "
            "on national television and radio.",
            "The congratulatory message of the President of the Republic of Tajikistan on the "
            "occasion of {holiday} was published on {date}. It sums up the achievements of the "
            "country and outlines the tasks ahead.",
        ),
        "headings": (
            "Achievements of independence",
            "Unity and peace",
            "Wishes to the people",
        ),
        "sentences": (
            "The President noted that this holiday has a special place in the life of our people.",
            "Over the years of independence, thousands of schools, hospitals, roads and "
            "industrial enterprises have been built in Tajikistan.",
            "The Head of State expressed gratitude to the teachers, doctors, farmers and workers "
            "whose labour strengthens the country.",
            "Peace and national unity remain the foundation of all our achievements.",
            "The President wished the elderly good health, and young people success in their "
            "studies and work.",
            "Special words of gratitude were addressed to the servicemen who guard the borders "
            "of the homeland.",
            "The Head of State called on citizens to respect their native language, history and "
            "culture.",
            "Festive events, concerts and fairs are being held in all cities and districts of the "
            "country.",
            "The President expressed confidence that the people of Tajikistan will achieve even "
            "greater success in the coming years.",
            "Our compatriots living and working abroad were congratulated as well.",
        ),
        "items_intro": "The message highlights:",
        "items": (
            "the strengthening of peace and stability",
            "the growth of incomes of the population",
            "the construction of new schools and hospitals",
            "the development of sport among young people",
            "the preservation of national traditions",
            "the expansion of international partnerships",
        ),
        "quotes": (
            "May this holiday bring peace, joy and abundance to every home.",
            "Our greatest wealth is peace, stability and the unity of our people.",
        ),
        "captions": (
            "Festivities on the occasion of {holiday}",
            "Festive decorations in Dushanbe",
        ),
    },
    "phone_call": {
        "titles": (
            "Telephone conversation with the leader of {country}",
            "The President holds a telephone conversation with the leader of {country}",
        ),
        "leads": (
            "On {date}, the President of the Republic of Tajikistan held a telephone conversation "
            "with the leader of {country}.",
            "The leaders discussed topical issues of bilateral cooperation and the regional "
            "agenda.",
        ),
        "intros": (
            "On {date}, a telephone conversation took place between the President of the "
            "Republic of Tajikistan and the leader of {country}. The conversation was held in a "
            "friendly and trusting atmosphere.",
            "On {date}, the President of the Republic of Tajikistan held a telephone conversation "
            "with the leader of {country}. The sides exchanged greetings and discussed the "
            "implementation of earlier agreements.",
        ),
        "headings": ("Bilateral agenda", "Regional issues", "Upcoming contacts"),
        "sentences": (
            "The leaders expressed satisfaction with the level of political relations between "
            "the two countries.",
            "The President congratulated his counterpart on the national holiday of {country}.",
            "The sides discussed preparations for the upcoming meeting at the highest level.",
            "Views were exchanged on the situation in the region and on strengthening cooperation "
            "against terrorism and drug trafficking.",
            "The leaders noted the importance of the timely implementation of joint "
            "infrastructure projects.",
            "The President thanked his counterpart for the humanitarian assistance provided by "
            "{country}.",
            "It was agreed to continue regular contacts between the governments of the two "
            "countries.",
            "The sides stressed the need to increase mutual trade and to remove barriers for "
            "exporters.",
            "The President of the Republic of Tajikistan confirmed the invitation to visit "
            "Dushanbe.",
            "The conversation ended with wishes of peace and prosperity to the peoples of both "
            "countries.",
        ),
        "items_intro": "The conversation touched upon:",
        "items": (
            "the schedule of upcoming visits",
            "cooperation in energy and water management",
            "regional security",
            "trade and transit",
            "the work of the intergovernmental commission",
            "humanitarian and cultural ties",
        ),
        "quotes": (
            "Regular dialogue between our countries is a reliable guarantee of stability in the "
            "region.",
            "We are ready to continue our joint work on all issues of mutual interest.",
        ),
        "captions": (
            "The President during the telephone conversation",
            "The Palace of the Nation in Dushanbe",
        ),
    },
    "economy": {
        "titles": (
            "Meeting on the results of socio-economic development",
            "The economy of Tajikistan grew by {pct} percent",
            "The President chairs a meeting on investment and industry",
        ),
        "leads": (
            "On {date}, the President of the Republic of Tajikistan chaired a meeting on the "
            "results of the country's socio-economic development.",
            "The gross domestic product grew by {pct} percent, and industrial output increased by "
            "{pct2} percent.",
        ),
        "intros": (
            "On {date}, the President of the Republic of Tajikistan held a meeting with members "
            "of the Government on the results of socio-economic development. The meeting was "
            "attended by the heads of ministries, agencies and regions.",
            "The meeting on economic issues held on {date} reviewed the implementation of the "
            "national development strategy. The Head of State noted that the economy continues "
            "to grow steadily.",
        ),
        "headings": (
            "Macroeconomic indicators",
            "Industry and investment",
            "Digital economy",
            "Tasks for the coming year",
        ),
        "sentences": (
            "According to the Agency on Statistics, the gross domestic product grew by "
            "**{pct} percent** over the reporting period.",
            "Foreign trade turnover amounted to **{trade}**, with exports growing faster than "
            "imports.",
            "Over the year, new industrial enterprises created {jobs}.",
            "Direct investment of {money} was attracted to the economy, most of it in industry "
            "and energy.",
            "Inflation remained within the target range set by the National Bank.",
            "The President instructed the Government to reduce the number of inspections of "
            "businesses and to simplify licensing.",
            "Special attention was paid to the development of the digital economy and electronic "
            "payments.",
            "The policy of accelerated industrialisation remains one of the national development "
            "goals.",
            "The Head of State noted that the average wage in the country increased by {pct2} "
            "percent.",
            "Ministries were instructed to support small and medium-sized businesses, especially "
            "in rural areas.",
        ),
        "items_intro": "The following were identified as priorities:",
        "items": (
            "import substitution and export growth",
            "improvement of the investment climate",
            "development of the digital economy",
            "support for small and medium-sized businesses",
            "modernisation of the banking sector",
            "development of free economic zones",
        ),
        "quotes": (
            "Every new enterprise means new jobs and higher incomes for our people.",
            "We must create the most favourable conditions for entrepreneurs and investors.",
        ),
        "captions": (
            "Meeting on socio-economic development",
            "A new industrial enterprise",
        ),
    },
    "energy": {
        "titles": (
            "The {unit} unit of the Rogun hydropower plant is put into operation",
            "The President visits the construction site of the Rogun hydropower plant",
            "Meeting on energy security",
        ),
        "leads": (
            "On {date}, the President of the Republic of Tajikistan took part in the ceremony of "
            "launching the {unit} unit of the Rogun hydropower plant.",
            "The capacity of the new unit is {mw} megawatts.",
        ),
        "intros": (
            "On {date}, the President of the Republic of Tajikistan visited the Rogun hydropower "
            "plant, the largest construction project in the country. The Head of State inspected "
            "the progress of work on the dam and in the machine hall.",
            "On {date}, the President of the Republic of Tajikistan held a meeting on ensuring "
            "the energy security of the country. The meeting discussed the preparation of the "
            "energy system for the autumn and winter period.",
        ),
        "headings": (
            "Progress of construction",
            "Energy security",
            "Green energy",
            "Export of electricity",
        ),
        "sentences": (
            "Thousands of specialists and workers from all regions of the country are employed "
            "at the construction site.",
            "Once completed, the dam will be one of the tallest in the world.",
            "The new unit will generate electricity for households and industry, especially "
            "during the winter months.",
            "More than 90 percent of the electricity in Tajikistan is produced by hydropower "
            "plants.",
            "Tajikistan intends to increase the share of solar and wind energy in the coming "
            "years.",
            "The modernisation of existing hydropower plants has increased their capacity by "
            "{mw} megawatts.",
            "Electricity exports to neighbouring countries bring additional revenue to the state "
            "budget.",
            "The President instructed the energy companies to reduce losses in the distribution "
            "networks.",
            "The construction of new power lines will improve the electricity supply of remote "
            "mountain villages.",
            "Hydropower is the basis of the green economy that Tajikistan is building.",
        ),
        "items_intro": "The meeting reviewed the following tasks:",
        "items": (
            "completing the construction of the Rogun dam",
            "modernising existing hydropower plants",
            "building new power transmission lines",
            "developing solar and wind energy",
            "reducing electricity losses",
            "increasing electricity exports",
        ),
        "quotes": (
            "Rogun is a project of the whole nation and a guarantee of our energy independence.",
            "Clean energy from our rivers will serve not only Tajikistan but the whole region.",
        ),
        "captions": (
            "The Rogun hydropower plant",
            "The machine hall of a hydropower plant",
        ),
    },
    "water": {
        "titles": (
            "Tajikistan calls for joint action on water and glaciers",
            "International conference on water for sustainable development in Dushanbe",
        ),
        "leads": (
            "On {date}, the President of the Republic of Tajikistan addressed the participants of "
            "an international conference on water issues.",
            "Delegations from more than {count} countries and international organisations are "
            "taking part in the conference.",
        ),
        "intros": (
            "On {date}, the President of the Republic of Tajikistan opened an international "
            "conference on water in Dushanbe. The conference brought together heads of state, "
            "ministers, scientists and representatives of civil society.",
            "Water issues were at the centre of the speech delivered by the President of the "
            "Republic of Tajikistan on {date}. The Head of State presented new proposals for the "
            "protection of glaciers.",
        ),
        "headings": (
            "Glaciers and climate",
            "Water diplomacy",
            "Access to drinking water",
        ),
        "sentences": (
            "Glaciers in Tajikistan provide more than half of the water resources of Central Asia.",
            "Over the past decades, a significant part of the country's glaciers has melted "
            "because of climate change.",
            "Tajikistan has put forward a number of global initiatives on water that were "
            "supported by the United Nations.",
            "The President called for the creation of an international fund for the protection "
            "of glaciers.",
            "Water must become a factor of cooperation, not of conflict, between the countries of "
            "the region.",
            "Over the past year, {count} new drinking water supply systems were built in rural "
            "areas.",
            "Scientists presented the results of monitoring the glaciers of the Pamirs.",
            "The participants discussed the efficient use of water in agriculture, which "
            "consumes most of the water of the region.",
            "At the end of the conference, a final declaration with recommendations for "
            "governments and international organisations will be adopted.",
            "The President thanked the partner countries for their support of the Dushanbe Water "
            "Process.",
        ),
        "items_intro": "The Head of State proposed:",
        "items": (
            "establishing an international fund for the protection of glaciers",
            "expanding the network of glacier monitoring stations",
            "introducing water-saving technologies in agriculture",
            "improving access to drinking water in rural areas",
            "training young specialists in water management",
            "strengthening regional cooperation on water",
        ),
        "quotes": (
            "Water is life, and protecting it is our common responsibility to future generations.",
            "No country can solve the problems caused by the melting of glaciers alone.",
        ),
        "captions": (
            "Glaciers of the Pamirs",
            "Participants of the water conference in Dushanbe",
        ),
    },
    "education": {
        "titles": (
            "The President opens a new school in {city}",
            "Meeting with teachers and scientists",
            "A new stage in the development of education and science",
        ),
        "leads": (
            "On {date}, the President of the Republic of Tajikistan opened a new secondary school "
            "for {students} in {city}.",
            "The Head of State met with teachers and pupils and wished them success in the new "
            "academic year.",
        ),
        "intros": (
            "On {date}, the President of the Republic of Tajikistan took part in the opening of a "
            "new school in {city}. The three-storey building has modern classrooms, a library, a "
            "sports hall and a dining room.",
            "On {date}, the President of the Republic of Tajikistan met with teachers, scientists "
            "and students. The meeting focused on the quality of education and the training of "
            "specialists for the national economy.",
        ),
        "headings": (
            "A modern school",
            "Science and innovation",
            "Support for teachers",
            "Youth and sport",
        ),
        "sentences": (
            "Over the years of independence, thousands of schools have been built and renovated "
            "in the country.",
            "The President gave instructions to equip all schools with computer classrooms and "
            "access to the internet.",
            "Particular attention is paid to the teaching of natural sciences, mathematics and "
            "foreign languages.",
            "The salaries of teachers were increased by {pct2} percent from the beginning of the "
            "year.",
            "The Head of State congratulated the winners of international science olympiads.",
            "Young scientists will receive grants for research in energy, agriculture and "
            "medicine.",
            "Thousands of young people study at universities abroad under the presidential quota.",
            "The President noted that a teacher is the person who shapes the future of the nation.",
            "New kindergartens are being opened in every district to prepare children for school.",
            "The number of sports schools and clubs for children and young people is growing.",
        ),
        "items_intro": "The priorities in education are:",
        "items": (
            "improving the quality of teaching",
            "equipping schools with modern technology",
            "supporting talented pupils and students",
            "training teachers of natural sciences",
            "developing inclusive education",
            "expanding the network of kindergartens",
        ),
        "quotes": (
            "Knowledge is the key to the future of our nation, and we will spare no effort to "
            "develop education.",
            "Every child in Tajikistan must have access to a modern, high-quality education.",
        ),
        "captions": (
            "A new school in {city}",
            "Pupils in a computer classroom",
        ),
    },
    "culture": {
        "titles": (
            "The President visits a festival of folk crafts",
            "Preservation of cultural heritage",
            "Opening of a new theatre in {city}",
        ),
        "leads": (
            "On {date}, the President of the Republic of Tajikistan visited a national festival "
            "of folk crafts and applied arts.",
            "Craftsmen from all regions of the country presented embroidery, ceramics, carpets "
            "and wood carving.",
        ),
        "intros": (
            "On {date}, the President of the Republic of Tajikistan viewed an exhibition of "
            "national crafts in {city}. The exhibition presents the work of hundreds of "
            "craftsmen, including young people and women.",
            "On {date}, a new theatre was opened in {city} with the participation of the "
            "President of the Republic of Tajikistan. The building has a large concert hall, "
            "rehearsal rooms and a museum of theatre history.",
        ),
        "headings": (
            "National traditions",
            "Navruz and heritage",
            "Culture for young people",
        ),
        "sentences": (
            "Navruz, the ancient holiday of spring, is celebrated in Tajikistan as a symbol of "
            "renewal and friendship.",
            "The holiday is included in the UNESCO list of the intangible cultural heritage of "
            "humanity.",
            "The President stressed the importance of preserving the national crafts and passing "
            "them on to the younger generation.",
            "The restoration of historical monuments in Panjakent, Istaravshan and Hisor "
            "continues.",
            "New libraries, museums and houses of culture have been opened in the regions.",
            "Children's art schools receive musical instruments and equipment every year.",
            "The Head of State noted that culture and the state language unite our nation.",
            "Days of Tajik culture will be held in {country} next year.",
            "Craftswomen from rural areas receive small grants to develop their family businesses.",
            "Tourists from many countries come to see the ancient cities and mountain landscapes "
            "of Tajikistan.",
        ),
        "items_intro": "The exhibition presents:",
        "items": (
            "national embroidery and suzani",
            "ceramics from Istaravshan",
            "carpets and rugs",
            "wood carving",
            "musical instruments",
            "national clothing",
        ),
        "quotes": (
            "Our ancient culture is the soul of the nation and a bridge of friendship with other "
            "peoples.",
            "We must pass on our traditions to our children as carefully as our ancestors passed "
            "them on to us.",
        ),
        "captions": (
            "An exhibition of national crafts",
            "Navruz celebrations",
        ),
    },
    "health": {
        "titles": (
            "The President opens a new medical centre in {city}",
            "Meeting on healthcare and social protection",
        ),
        "leads": (
            "On {date}, the President of the Republic of Tajikistan opened a new medical centre "
            "with {beds} in {city}.",
            "The centre is equipped with modern diagnostic equipment and operating rooms.",
        ),
        "intros": (
            "On {date}, the President of the Republic of Tajikistan took part in the opening of a "
            "new medical centre in {city}. The Head of State inspected the departments and talked "
            "with doctors and patients.",
            "On {date}, the President of the Republic of Tajikistan held a meeting on healthcare "
            "and social protection. The meeting discussed the access of rural residents to "
            "medical services.",
        ),
        "headings": (
            "Modern medicine",
            "Mother and child health",
            "Social support",
        ),
        "sentences": (
            "Over the past five years, {count} new hospitals and health centres have been built "
            "in the country.",
            "Doctors from regional hospitals are trained in leading clinics at home and abroad.",
            "Almost all children in the country are vaccinated against dangerous diseases.",
            "The President gave instructions to improve the supply of medicines to rural health "
            "centres.",
            "Pensions and social benefits were increased by **{pct2} percent**.",
            "Particular attention is paid to the health of mothers and newborns.",
            "Telemedicine allows specialists in Dushanbe to advise patients in remote districts.",
            "The Head of State called on citizens to lead a healthy lifestyle and to go in for "
            "sport.",
            "Families with many children and people with disabilities receive targeted social "
            "assistance.",
            "Medical universities have increased the admission of students in rare specialities.",
        ),
        "items_intro": "The following measures were approved:",
        "items": (
            "construction of rural health centres",
            "training of family doctors",
            "free medicines for children",
            "modern equipment for maternity hospitals",
            "higher pensions and benefits",
            "support for people with disabilities",
        ),
        "quotes": (
            "The health of our people is the main wealth of the state.",
            "Quality medical care must be available not only in the cities but in every village.",
        ),
        "captions": (
            "A new medical centre in {city}",
            "Doctors at work",
        ),
    },
    "agriculture": {
        "titles": (
            "Harvest and food security",
            "The President visits farms in {region}",
        ),
        "leads": (
            "On {date}, the President of the Republic of Tajikistan acquainted himself with the "
            "work of farms and processing enterprises in {region}.",
            "This year, the farmers of the region harvested {tons} thousand tonnes of fruit and "
            "vegetables.",
        ),
        "intros": (
            "On {date}, the President of the Republic of Tajikistan visited agricultural "
            "enterprises in {region}. The Head of State inspected orchards, greenhouses and a new "
            "cold storage facility.",
            "On {date}, a meeting on food security was held under the chairmanship of the "
            "President of the Republic of Tajikistan. The participants discussed the results of "
            "the agricultural year and plans for the next season.",
        ),
        "headings": (
            "Results of the season",
            "Irrigation and land",
            "Processing and export",
        ),
        "sentences": (
            "This year, {ha} hectares of new orchards and vineyards were planted.",
            "The President gave instructions to use every plot of irrigated land efficiently.",
            "Drip irrigation saves water and increases yields several times over.",
            "Dried fruit, lemons and honey from Tajikistan are exported to {country} and other "
            "countries.",
            "New cold storage facilities make it possible to keep the harvest until spring.",
            "Farmers receive preferential loans for the purchase of machinery and seeds.",
            "The rehabilitation of irrigation canals has returned thousands of hectares of land "
            "to use.",
            "Livestock breeding and poultry farming are developing rapidly in the region.",
            "The Head of State thanked the farmers for their dedicated work and a rich harvest.",
            "Food security remains one of the four strategic goals of the country.",
        ),
        "items_intro": "The following tasks were set for the next season:",
        "items": (
            "expanding the area of intensive orchards",
            "introducing drip irrigation",
            "building cold storage facilities",
            "supporting family farms",
            "increasing exports of dried fruit",
            "improving the quality of seeds",
        ),
        "quotes": (
            "The farmer's work is the basis of the well-being of every family and of the whole "
            "country.",
            "Not a single plot of fertile land should remain unused.",
        ),
        "captions": (
            "Orchards in {region}",
            "Harvest time",
        ),
    },
    "general": {
        "titles": (),
        "leads": (),
        "intros": (),
        "headings": (
            "Results and prospects",
            "International cooperation",
            "Next steps",
        ),
        "sentences": (
            "The Government was instructed to prepare a plan of measures to implement the "
            "decisions taken.",
            "The implementation of the decisions will be reviewed at the next meeting of the "
            "Government.",
            "Tajikistan consistently pursues an open-door foreign policy.",
            "The *National Development Strategy of the Republic of Tajikistan for the period up "
            "to 2030* sets ambitious goals for all sectors of the economy.",
            "The President stressed that all plans must bring real benefits to the people.",
            "The heads of ministries and regions will report on the results every quarter.",
            "Tajikistan attaches great importance to cooperation with the United Nations and its "
            "specialised agencies.",
            "Public organisations and the media were invited to take an active part in "
            "explaining the reforms.",
            "The event was covered by national and foreign media.",
            "In conclusion, the Head of State wished all participants success in their work.",
            "The President noted that peace and stability are the main conditions for the "
            "development of the country.",
            "The population of Tajikistan has exceeded ten million people, and more than half of "
            "them are young people.",
        ),
        "items_intro": "The following decisions were taken:",
        "items": (
            "to approve the plan of measures",
            "to set up a working group",
            "to allocate additional funds from the budget",
            "to report on progress every quarter",
            "to inform the public about the results",
            "to involve international partners",
        ),
        "quotes": (
            "Our main goal is to improve the living standards of every citizen of Tajikistan.",
            "Peace and stability are the most precious achievements of our independence.",
            "We will continue to work openly and honestly for the good of our people.",
            "Only together can we build a strong and prosperous Tajikistan.",
        ),
        "captions": (),
    },
}
