//! Tests of discovery: comparison keys, names typed by their cues, groups.

use proptest::prelude::*;

/// The comparison key as it was written first, step by step.
fn key_reference(rules: &super::DiscoveryRules, name: &str) -> String {
    let mut key: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c == '-' { ' ' } else { c })
        .collect();
    for (from, to) in &rules.transliteration {
        key = key.replace(from.as_str(), to);
    }
    let mut out = String::with_capacity(key.len());
    for c in key.chars() {
        if out.ends_with(c) && c.is_alphabetic() {
            continue;
        }
        out.push(c);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

proptest! {
    #[test]
    fn key_is_the_step_by_step_key(name in "[ -aAeEjJkKsStTwWyYzZ\u{3A3}\u{130}é\t\n]{0,16}") {
        static LEXICON: std::sync::OnceLock<crate::Lexicon> = std::sync::OnceLock::new();
        let rules = &LEXICON
            .get_or_init(|| crate::Lexicon::builtin().expect("built-in data loads"))
            .discovery;
        prop_assert_eq!(rules.key(&name), key_reference(rules, &name));
    }
}

/// Every named mention as "surface=id (type)", in order.
fn found(text: &str) -> Vec<String> {
    crate::testing::with_analysis(text, |lexicon, analysis| {
        let actors = analysis.actors(lexicon);
        analysis
            .mentions
            .iter()
            .filter(|m| !m.pronoun && !m.demonym)
            .map(|m| {
                format!(
                    "{}={} ({})",
                    analysis.text.slice(m.span),
                    actors.get(m.actor).id,
                    actors.get(m.actor).entry.kind
                )
            })
            .collect()
    })
}

#[test]
fn names_are_discovered_only_with_a_cue() {
    let got = found("Volgens de krant sprak generaal Zjanat Kozybajev met Erlan Karin. Karin zweeg. Het Catshuis zweeg ook.");
    assert_eq!(
        got,
        vec![
            "Zjanat Kozybajev=zjanat-kozybajev (person)",
            "Erlan Karin=erlan-karin (person)",
            "Karin=erlan-karin (person)"
        ]
    );
}

#[test]
fn titles_and_appositions_type_names() {
    // A person word before the name, a person or an organisation word in
    // an apposition after it, a capitalised noun opening the sentence
    // before a first name.
    let got = found(
        "Coalitiepartner Andrej Danko zweeg. Oppositiepoliticus Adachan Madoemarov sprak. \
         Imangali Tasmagambetov, de secretaris-generaal van de CSTO, riep op. \
         Hij sprak met de Ghanese oud-diplomaat Kwabena Owusu over Hlas, \
         de grootste oppositiepartij.",
    );
    assert_eq!(
        got,
        vec![
            "Andrej Danko=andrej-danko (person)",
            "Adachan Madoemarov=adachan-madoemarov (person)",
            "Imangali Tasmagambetov=imangali-tasmagambetov (person)",
            "CSTO=csto (organization)",
            "Kwabena Owusu=kwabena-owusu (person)",
            "Hlas=hlas (organization)",
        ]
    );
    // A portfolio after a title ends before a first name.
    let got = found(
        "Zij pakten oud-minister van Transport Julio Castañeda op. \
         Minister van Buitenlandse Zaken Marco Rubio zweeg.",
    );
    assert_eq!(
        got,
        vec![
            "Julio Castañeda=julio-castañeda (person)",
            "Marco Rubio=marco-rubio (person)",
        ]
    );
    // Near misses: a stopword ends the apposition; a capitalised
    // adjective after "in" is no place.
    let got = found("Madoemarov, de man die president wil worden, zweeg over inmenging in Afrikaanse conflicten.");
    assert_eq!(got, Vec::<String>::new());
}

#[test]
fn organisations_are_read_with_their_words_and_abbreviations() {
    let got = found(
        "Vrabec is lid van Fico’s partij Smer. De terreurgroep al-Shabaab viel aan. \
         Arce vroeg de Organisatie van Amerikaanse Staten (OAS) om hulp. De OAS zweeg. \
         Het Hooggerechtshof voor de Verkiezingen zweeg. Danko leidt de Slowaakse Nationale Partij. \
         Het Kirgizische ministerie van Defensie en het Russische ministerie van Defensie zwegen.",
    );
    assert_eq!(
        got,
        vec![
            "Smer=smer (organization)",
            "al-Shabaab=al-shabaab (organization)",
            "Organisatie van Amerikaanse Staten=organisatie-van-amerikaanse-staten (organization)",
            "OAS=organisatie-van-amerikaanse-staten (organization)",
            "OAS=organisatie-van-amerikaanse-staten (organization)",
            "Hooggerechtshof voor de Verkiezingen=hooggerechtshof-voor-de-verkiezingen (organization)",
            "Slowaakse Nationale Partij=slowaakse-nationale-partij (organization)",
            "Het Kirgizische ministerie van Defensie=ministerie-van-defensie-van-kirgizië (organization)",
            "het Russische ministerie van Defensie=ministerie-van-defensie-van-rusland (organization)",
        ]
    );
    // Initials in brackets, a compound with a name, a place joined to a
    // place, a base's name.
    let got = found(
        "Youssouf veroordeelde de Rapid Intervention Forces (RIF). De RIF zweeg. \
         De voorzitter van de AU-Commissie zweeg. Zij blokkeren de wegen rond La Paz en \
         Cochabamba. Ze landden op de luchtmachtbasis Kant.",
    );
    assert_eq!(
        got,
        vec![
            "Rapid Intervention Forces=rapid-intervention-forces (organization)",
            "RIF=rapid-intervention-forces (organization)",
            "RIF=rapid-intervention-forces (organization)",
            "AU-Commissie=au-commissie (organization)",
            "La Paz=la-paz (location)",
            "Cochabamba=cochabamba (location)",
            "Kant=kant (location)",
        ]
    );
    // Near misses: initials that do not fit, a person joined by "en" to
    // no place.
    let got = found("Hij sprak met Rapid Forces (RDF) en Madoemarov.");
    assert_eq!(got, vec!["RDF=rdf (organization)"]);
}

#[test]
fn a_gazetteer_first_name_with_a_surname_is_a_person() {
    // "Abbas" and "Rodrigo" are in data/first_names.txt, not in
    // discovery.toml; "Storm" is a first name too, but also a Dutch
    // word, and the gazetteer leaves it out. A first name alone is no one.
    let got = found(
        "Storm Ciarán trok over het land. Volgens Abbas Araghchi en Rodrigo Paz is het voorbij. Paz zweeg. Badr zweeg ook.",
    );
    assert_eq!(
        got,
        vec![
            "Abbas Araghchi=abbas-araghchi (person)",
            "Rodrigo Paz=rodrigo-paz (person)",
            "Paz=rodrigo-paz (person)",
        ]
    );
    let rules = &crate::Lexicon::builtin()
        .expect("built-in data loads")
        .discovery;
    assert!(rules.gazetteer.len() > 10_000, "{}", rules.gazetteer.len());
    assert!(rules.is_first_name("abbas") && rules.is_first_name("badr"));
    assert!(!rules.is_first_name("storm") && !rules.is_first_name("kant"));
    // Genders only for names that are one gender's alone.
    assert_eq!(rules.gazetteer.gender("zuzana"), Some("f"));
    assert_eq!(rules.gazetteer.gender("rodrigo"), Some("m"));
    assert_eq!(rules.gazetteer.gender("andrea"), None);
}

#[test]
fn a_discovered_person_takes_the_gender_of_the_first_name() {
    let genders = crate::testing::with_analysis(
        "Zuzana Horváthová sprak met Rodrigo Paz en Andrea Costa.",
        |lexicon, analysis| {
            let actors = analysis.actors(lexicon);
            let mut seen: Vec<String> = analysis
                .mentions
                .iter()
                .map(|m| {
                    let entry = &actors.get(m.actor).entry;
                    format!("{} {:?}", entry.name, entry.gender)
                })
                .collect();
            seen.dedup();
            seen
        },
    );
    assert_eq!(
        genders,
        vec![
            "Zuzana Horváthová Some(\"f\")",
            "Rodrigo Paz Some(\"m\")",
            "Andrea Costa None",
        ]
    );
}

#[test]
fn an_acronym_in_brackets_after_a_name_may_be_spelt_like_a_stopword() {
    let got = found("Het Openbaar Ministerie (OM) zweeg. Later sprak het OM.");
    assert_eq!(
        got,
        vec![
            "Openbaar Ministerie=openbaar-ministerie (organization)",
            "OM=openbaar-ministerie (organization)",
            "OM=openbaar-ministerie (organization)",
        ]
    );
    // Near miss: after no name, a stopword in capitals stays a word.
    assert!(found("Het kwam als een verrassing (OM) voor iedereen.").is_empty());
}

#[test]
fn acronyms_organisations_and_places() {
    let got = found("De eenheid OMON viel aan in Karaganda. Ook het Ministerie van Defensie, de Nationale Garde en de Gouden Vloot zwegen.");
    assert!(
        got.contains(&"OMON=omon (organization)".to_string()),
        "{got:?}"
    );
    assert!(
        got.contains(&"Karaganda=karaganda (location)".to_string()),
        "{got:?}"
    );
    assert!(
        got.contains(&"Ministerie van Defensie=ministerie-van-defensie (organization)".to_string()),
        "{got:?}"
    );
    // A name ending in an organisation's word is one; a capitalised run
    // without a cue is no actor.
    assert!(
        got.contains(&"Nationale Garde=nationale-garde (organization)".to_string()),
        "{got:?}"
    );
    assert!(
        !got.iter().any(|g| g.starts_with("Gouden Vloot")),
        "{got:?}"
    );
}

#[test]
fn weekdays_months_and_sentence_openers_are_not_names() {
    assert!(
        found("Maandag sprak niemand. In januari regende het. Gisteren viel niets op.").is_empty()
    );
}

#[test]
fn surnames_and_possessives_refer_back_and_other_spellings_reach_the_lexicon() {
    let got =
        found("Aleksandr Dvornikov sprak. Dvornikovs plan faalde. Nursultan Nazarbayev zweeg.");
    assert_eq!(
        got,
        vec![
            "Aleksandr Dvornikov=aleksandr-dvornikov (person)",
            "Dvornikovs=aleksandr-dvornikov (person)",
            "Nursultan Nazarbayev=noersoeltan-nazarbajev (person)",
        ]
    );
}

#[test]
fn groups_take_their_country_from_a_demonym_or_the_document() {
    let got = found(
        "Russische troepen trokken Kazachstan binnen. In Kazachstan zweeg de regering, de buitenlandse troepen bleven. Demonstranten protesteerden.",
    );
    assert_eq!(
        got,
        vec![
            "Russische troepen=leger-van-rusland (group)",
            "Kazachstan=kazachstan (country)",
            "Kazachstan=kazachstan (country)",
            "de regering=regering-van-kazachstan (group)",
            "de buitenlandse troepen=vredesmacht-in-kazachstan (group)",
            "Demonstranten=demonstranten-van-kazachstan (group)",
        ]
    );
    // A country named once, beside another, is not what the document is about.
    assert_eq!(
        found("Oekraïne en Polen spraken. De regering zweeg."),
        vec![
            "Oekraïne=oekraïne (country)",
            "Polen=polen (country)",
            "De regering=regering (group)"
        ]
    );
}

#[test]
fn an_organisation_in_brackets_after_a_person_is_theirs() {
    let links = |text: &str| {
        crate::testing::with_analysis(text, |lexicon, analysis| {
            let actors = analysis.actors(lexicon);
            analysis
                .relations
                .iter()
                .filter(|r| r.rule == "linked:brackets")
                .map(|r| {
                    let source = r.source.map_or("?", |s| actors.get(s).id.as_str());
                    format!("{} {} {}", source, r.relation, actors.get(r.target).id)
                })
                .collect::<Vec<_>>()
        })
    };
    assert_eq!(
        links("Kamerlid Pieter Omtzigt (NSC) stelde vragen."),
        vec!["pieter-omtzigt member-of nieuw-sociaal-contract"]
    );
    // Near misses: a country in brackets, a name repeated, an acronym
    // that is no actor.
    assert!(links("President Vladimir Poetin (Rusland) sprak.").is_empty());
    assert!(links("De Collectieve Veiligheidsorganisatie (CSTO) sprak.").is_empty());
    assert!(links("Generaal Ahmed Ali (63) sprak.").is_empty());
}

#[test]
fn names_keep_their_hyphenated_parts_suffixes_and_nicknames() {
    // A short part in lower case after a hyphen ends a name of two parts; a
    // short one between hyphens is inside it.
    assert_eq!(
        found("Defensieminister Kim Yong-hyun stuurde soldaten. Legerchef Tanvir Waker-uz-Zaman zweeg."),
        [
            "Kim Yong-hyun=kim-yong-hyun (person)",
            "Tanvir Waker-uz-Zaman=tanvir-waker-uz-zaman (person)"
        ]
    );
    // A short family name written first opens a sentence.
    assert_eq!(
        found("Lee Jae-myung, de leider van Otan, sprak."),
        ["Lee Jae-myung=lee-jae-myung (person)"]
    );
    // "jr." after a name of two parts (the surname alone is the part before
    // it); a nickname in quotation marks after a given name.
    assert_eq!(
        found("President Ferdinand Marcos jr. zweeg. Volgens Jimmy ‘Barbecue’ Chérizier niet. Marcos sprak."),
        [
            "Ferdinand Marcos jr.=ferdinand-marcos-jr (person)",
            "Jimmy ‘Barbecue’ Chérizier=jimmy-barbecue-chérizier (person)",
            "Marcos=ferdinand-marcos-jr (person)"
        ]
    );
    // Near misses: a compound's longer head, a hyphenated part after a name of
    // one word, and a quoted word after no given name.
    assert_eq!(
        found("De Verenigde Naties-missie zweeg. Generaal Poetin-gezinde troepen. Volgens de ‘Barbecue’ Chérizier."),
        [
            "Verenigde Naties=verenigde-naties (organization)",
            "Poetin=vladimir-poetin (person)"
        ]
    );
}

#[test]
fn a_known_portfolio_or_a_counterpart_word_before_a_name_makes_it_a_person() {
    // The portfolio ends where a known one does; the name after it is a
    // person's, first name or not.
    assert_eq!(
        found("Tokajev ontving de Russische onderminister van Defensie Joenoes-Bek Jevkoerov."),
        [
            "Tokajev=kassym-jomart-tokajev (person)",
            "Joenoes-Bek Jevkoerov=joenoes-bek-jevkoerov (person)"
        ]
    );
    // A counterpart or a relative before a name.
    assert_eq!(
        found("Diens zoon Muhoozi Kainerugaba zweeg, en zijn ambtgenoot Dawit Kebede ook."),
        [
            "Muhoozi Kainerugaba=muhoozi-kainerugaba (person)",
            "Dawit Kebede=dawit-kebede (person)"
        ]
    );
    // Near miss: an unknown portfolio of two capitalised words stays whole.
    assert_eq!(
        found("Hij sprak met de minister van Noordelijke Ontwikkeling."),
        Vec::<String>::new()
    );
}
