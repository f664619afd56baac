//! Tests of the text stage, on excerpts of the seed articles in data/corpus.

use super::*;
use proptest::prelude::*;

fn rules() -> TextRules {
    toml::from_str(include_str!("../../data/nl/text.toml")).expect("data/nl/text.toml parses")
}

fn run(body: &str) -> Text {
    analyze(&rules(), body)
}

/// Each sentence as (kind, text).
fn sentences(body: &str) -> Vec<(SentenceKind, String)> {
    let text = run(body);
    text.sentences
        .iter()
        .map(|s| (s.kind, text.slice(s.span).to_owned()))
        .collect()
}

fn assert_sentences(body: &str, expected: &[(SentenceKind, &str)]) {
    let expected: Vec<(SentenceKind, String)> =
        expected.iter().map(|&(k, s)| (k, s.to_owned())).collect();
    assert_eq!(sentences(body), expected);
}

fn texts(body: &str) -> Vec<String> {
    sentences(body).into_iter().map(|(_, s)| s).collect()
}

/// Each token of the whole text as (kind, text).
fn tokens(body: &str) -> Vec<(TokenKind, String)> {
    let text = run(body);
    text.sentences
        .iter()
        .flat_map(|s| &s.tokens)
        .map(|t| (t.kind, text.slice(t.span).to_owned()))
        .collect()
}

fn kind_of_token(body: &str, word: &str) -> Vec<TokenKind> {
    tokens(body)
        .into_iter()
        .filter(|(_, t)| t == word)
        .map(|(k, _)| k)
        .collect()
}

use SentenceKind::{Body, Credit, Heading};
use TokenKind::{Hyphen, Number, Punct, Quote, Word};

#[test]
fn abbreviations_do_not_split() {
    let body = "Er kwamen o.a. ministers. Dhr. Jansen en mr. De Vries waren er ook, \
                bijv. in Almaty. Er waren ca. 500 mensen, d.w.z. te veel.";
    assert_eq!(
        texts(body),
        [
            "Er kwamen o.a. ministers.",
            "Dhr. Jansen en mr. De Vries waren er ook, bijv. in Almaty.",
            "Er waren ca. 500 mensen, d.w.z. te veel.",
        ]
    );
    assert_eq!(kind_of_token(body, "o.a."), [Word]);
    // "VS" (the United States) is not the abbreviation "vs." (versus).
    assert_eq!(
        texts("Rusland overlegt met de VS. Dat is nieuw."),
        ["Rusland overlegt met de VS.", "Dat is nieuw."]
    );
    assert_eq!(kind_of_token(body, "Dhr."), [Word]);
}

#[test]
fn numbers_and_initials_do_not_split() {
    let body = "De alliantie stuurde 2.500 manschappen om het ‘internationaal terrorisme’ \
                neer te slaan. Het ministerie heeft gemeld dat er 8.000 mensen zijn opgepakt. \
                Volgens J. Smit klopt dat.";
    assert_eq!(
        texts(body),
        [
            "De alliantie stuurde 2.500 manschappen om het ‘internationaal terrorisme’ neer te slaan.",
            "Het ministerie heeft gemeld dat er 8.000 mensen zijn opgepakt.",
            "Volgens J. Smit klopt dat.",
        ]
    );
}

#[test]
fn curly_quotes_stay_with_their_sentence() {
    let body = "Die stuurde manschappen, aldus Tokajev. “De missie van de CSTO was zeer \
                succesvol. De aanwezigheid speelde een rol bij het stabiliseren van de \
                situatie in ons land.” Poetin zweeg. ‘Technische fout’, klonk het snel.";
    assert_eq!(
        texts(body),
        [
            "Die stuurde manschappen, aldus Tokajev.",
            "“De missie van de CSTO was zeer succesvol.",
            "De aanwezigheid speelde een rol bij het stabiliseren van de situatie in ons land.”",
            "Poetin zweeg.",
            "‘Technische fout’, klonk het snel.",
        ]
    );
}

#[test]
fn straight_quotes_stay_with_their_sentence() {
    let body = "'Natuurlijk beseffen we dat', zei hij. 'We tolereren geen kleurenrevoluties.' \
                Loekasjenko zei dat de twee \"de stand van zaken hebben besproken\".";
    assert_eq!(
        texts(body),
        [
            "'Natuurlijk beseffen we dat', zei hij.",
            "'We tolereren geen kleurenrevoluties.'",
            "Loekasjenko zei dat de twee \"de stand van zaken hebben besproken\".",
        ]
    );
}

#[test]
fn lowercase_after_a_stop_does_not_split() {
    let body = "“Het was een sprookje. Niemand geloofde dat,” zegt Zhanay. “Waarom?” vroeg hij.";
    assert_eq!(
        texts(body),
        [
            "“Het was een sprookje.",
            "Niemand geloofde dat,” zegt Zhanay.",
            "“Waarom?” vroeg hij.",
        ]
    );
}

#[test]
fn lines_without_a_final_stop_are_headings() {
    let body =
        "Terroristen\n\n‘Inmenging’\n\nMeer onvrede\n\nDood teruggevonden onder een raam\n\n\
                Dit zijn beelden van de onrust deze week:\n\nWat kan de oppositie doen?\n\
                Poetin zweeg.”";
    assert_sentences(
        body,
        &[
            (Heading, "Terroristen"),
            (Heading, "‘Inmenging’"),
            (Heading, "Meer onvrede"),
            (Heading, "Dood teruggevonden onder een raam"),
            (Heading, "Dit zijn beelden van de onrust deze week:"),
            (Body, "Wat kan de oppositie doen?"),
            (Body, "Poetin zweeg.”"),
        ],
    );
}

#[test]
fn credit_lines_are_credits() {
    let body = "Beeld EPA\nFoto: AP\nBeeld AP\nBeeld ANP / Remko de Waal\nFoto's: Reuters";
    let kinds: Vec<SentenceKind> = sentences(body).into_iter().map(|(k, _)| k).collect();
    assert_eq!(kinds, [Credit; 5]);
}

#[test]
fn credit_at_the_end_of_a_caption_is_split_off() {
    let body = "Soldaten van de CSTO wonen een ceremonie bij in Almaty. Beeld AFP\n\
                President Kassym-Jomart Tokajev van Kazachstan Beeld AP\n\
                Een discrete herdenking voor de slachtoffers van de opstand. Foto: AP";
    assert_sentences(
        body,
        &[
            (
                Body,
                "Soldaten van de CSTO wonen een ceremonie bij in Almaty.",
            ),
            (Credit, "Beeld AFP"),
            (Heading, "President Kassym-Jomart Tokajev van Kazachstan"),
            (Credit, "Beeld AP"),
            (
                Body,
                "Een discrete herdenking voor de slachtoffers van de opstand.",
            ),
            (Credit, "Foto: AP"),
        ],
    );
}

#[test]
fn credit_words_in_running_text_are_not_credits() {
    let body = "Beeld van de onrust\nFoto's van de protesten gingen de wereld rond.\n\
                Video: Poetin spreekt\nBeeld AP 2022";
    let kinds: Vec<SentenceKind> = sentences(body).into_iter().map(|(k, _)| k).collect();
    assert_eq!(kinds, [Heading, Body, Heading, Heading]);
}

#[test]
fn token_kinds() {
    let body = "Zij waren vertrouwelingen van oud-president Nazarbajev, met zo'n 2.500 \
                'kleurenrevoluties' en 3,5 procent (CSTO-lidstaten) in 2013 – een opstand.";
    assert_eq!(
        tokens("oud-president Kassym-Jomart"),
        [
            (Word, "oud".to_owned()),
            (Hyphen, "-".to_owned()),
            (Word, "president".to_owned()),
            (Word, "Kassym".to_owned()),
            (Hyphen, "-".to_owned()),
            (Word, "Jomart".to_owned()),
        ]
    );
    assert_eq!(
        tokens("'kleurenrevoluties'"),
        [
            (Quote, "'".to_owned()),
            (Word, "kleurenrevoluties".to_owned()),
            (Quote, "'".to_owned()),
        ]
    );
    assert_eq!(kind_of_token(body, "zo'n"), [Word]);
    assert_eq!(kind_of_token(body, "2.500"), [Number]);
    assert_eq!(kind_of_token(body, "3,5"), [Number]);
    assert_eq!(kind_of_token(body, "2013"), [Number]);
    assert_eq!(kind_of_token(body, "CSTO"), [Word]);
    assert_eq!(kind_of_token(body, "–"), [Punct]);
    assert_eq!(kind_of_token(body, "("), [Punct]);
    assert_eq!(kind_of_token(body, "-"), [Hyphen, Hyphen]);
    let apostrophes = "Poetin en zijn collega's, zo’n Foto's uit Jambıl en Oekraïne, 81-jarige";
    for word in [
        "collega's",
        "zo’n",
        "Foto's",
        "Jambıl",
        "Oekraïne",
        "jarige",
    ] {
        assert_eq!(kind_of_token(apostrophes, word), [Word], "{word}");
    }
    assert_eq!(kind_of_token(apostrophes, "81"), [Number]);
    assert_eq!(
        kind_of_token("van 1 t/m 5 in 's-Hertogenbosch", "t/m"),
        [Word]
    );
}

#[test]
fn whole_article_kinds() {
    let text = run(include_str!("../../data/corpus/001_6898a89169a68cc6.txt"));
    let special: Vec<(SentenceKind, &str)> = text
        .sentences
        .iter()
        .filter(|s| s.kind != Body)
        .map(|s| (s.kind, text.slice(s.span)))
        .collect();
    assert_eq!(
        special,
        [
            (Credit, "Beeld EPA"),
            (Heading, "‘Terroristen’"),
            (Heading, "‘Inmenging’"),
            (Heading, "President Kassym-Jomart Tokajev van Kazachstan"),
            (Credit, "Beeld AP"),
        ]
    );
    assert_eq!(text.sentences.len(), 42);
}

#[test]
fn decomposed_body_is_normalized_and_maps_back() {
    let body = "In Oekrai\u{0308}ne. Daar zijn troepen.";
    let text = run(body);
    assert_eq!(text.text, "In Oekraïne. Daar zijn troepen.");
    let words: Vec<Span> = text
        .sentences
        .iter()
        .flat_map(|s| &s.tokens)
        .map(|t| t.span)
        .collect();
    let oekraine = words[1];
    assert_eq!(text.slice(oekraine), "Oekraïne");
    let back = text.original(oekraine);
    assert_eq!(&body[back.start..back.end], "Oekrai\u{0308}ne");
    let troepen = words[5];
    assert_eq!(text.slice(troepen), "troepen");
    let back = text.original(troepen);
    assert_eq!(&body[back.start..back.end], "troepen");
    let second = text.original(text.sentences[1].span);
    assert_eq!(&body[second.start..second.end], "Daar zijn troepen.");
}

#[test]
fn nfc_body_maps_to_itself() {
    let body = "De Kazachse president Tokajev. Beeld AP";
    let text = run(body);
    assert_eq!(text.text, body);
    for sentence in &text.sentences {
        assert_eq!(text.original(sentence.span), sentence.span);
    }
    assert_eq!(text.original(Span::new(3, 1000)), Span::new(3, body.len()));
}

#[test]
fn crlf_and_lone_cr_end_lines() {
    let body = "Terroristen\r\n\r\nHij zei het. Zij ook\r\nMeer onvrede\rBeeld AP\r\n";
    assert_sentences(
        body,
        &[
            (Heading, "Terroristen"),
            (Body, "Hij zei het."),
            (Heading, "Zij ook"),
            (Heading, "Meer onvrede"),
            (Credit, "Beeld AP"),
        ],
    );
}

#[test]
fn odd_input_does_not_panic() {
    for body in [
        "",
        "   \n\t\r\n ",
        "\u{301}",
        "\u{301}a\u{301}.\u{301} B",
        "\0\0. \0A",
        "a\u{200D}b \u{FEFF}Beeld\u{AD} AP",
        "ᄀ\u{1161}\u{11A8}. ᄀ",
        "'",
        "-",
        "Beeld",
        "Foto:",
        "o.a.",
        "t/",
    ] {
        let text = run(body);
        assert!(
            text.sentences.iter().all(|s| !s.tokens.is_empty()),
            "{body:?}"
        );
    }
    assert!(run(" \n\t ").sentences.is_empty());
}

#[test]
fn long_line_is_one_sentence() {
    let body = "woord ".repeat(20_000);
    let text = run(&body);
    assert_eq!(text.sentences.len(), 1);
    assert_eq!(text.sentences[0].tokens.len(), 20_000);
    assert_eq!(text.sentences[0].kind, Heading);
}

/// Strings made of pieces that exercise the rules, plus arbitrary text.
fn bodies() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just(" "),
        Just("\n"),
        Just("\r\n"),
        Just("\r"),
        Just("."),
        Just("!"),
        Just("?"),
        Just("…"),
        Just(":"),
        Just("'"),
        Just("’"),
        Just("‘"),
        Just("“"),
        Just("”"),
        Just("\""),
        Just("-"),
        Just("–"),
        Just(" – "),
        Just("("),
        Just(")"),
        Just("e"),
        Just("\u{0308}"),
        Just("\u{0301}"),
        Just("\u{0323}"),
        Just("A"),
        Just("J"),
        Just("ı"),
        Just("ᄀ"),
        Just("\u{1161}"),
        Just("\u{0B47}"),
        Just("\u{0B3E}"),
        Just("\u{212B}"),
        Just("o.a."),
        Just("Dhr."),
        Just("2.500"),
        Just("3,5"),
        Just("Beeld"),
        Just("Foto's"),
        Just("AP"),
        Just("de"),
        Just("zo'n"),
        Just("\0"),
        Just("\u{AD}"),
        Just("\u{FEFF}"),
        Just("t/m"),
        Just("'s"),
        Just("🇳🇱"),
    ];
    prop_oneof![
        proptest::collection::vec(piece, 0..60).prop_map(|p| p.concat()),
        any::<String>(),
    ]
}

fn assert_sound(text: &Text) {
    let s = &text.text;
    let mut previous_end = 0;
    for sentence in &text.sentences {
        let Span { start, end } = sentence.span;
        assert!(previous_end <= start && start < end && end <= s.len());
        assert!(s.is_char_boundary(start) && s.is_char_boundary(end));
        assert_eq!(text.slice(sentence.span).trim(), text.slice(sentence.span));
        let mut token_end = start;
        for token in &sentence.tokens {
            let Span { start: ts, end: te } = token.span;
            assert!(token_end <= ts && ts < te && te <= end);
            assert!(s.is_char_boundary(ts) && s.is_char_boundary(te));
            token_end = te;
        }
        assert_eq!(sentence.tokens.first().map(|t| t.span.start), Some(start));
        assert_eq!(sentence.tokens.last().map(|t| t.span.end), Some(end));
        previous_end = end;
    }
}

proptest! {
    #[test]
    fn spans_are_sound(body in bodies()) {
        assert_sound(&run(&body));
    }

    #[test]
    fn normalization_is_nfc_and_idempotent(body in bodies()) {
        let text = run(&body);
        prop_assert_eq!(&text.text, &body.nfc().collect::<String>());
        let again = run(&text.text);
        prop_assert_eq!(&again.text, &text.text);
        prop_assert_eq!(&again.sentences, &text.sentences);
    }

    #[test]
    fn original_is_within_the_body(body in bodies(), a in 0usize..300, b in 0usize..300) {
        let text = run(&body);
        let spans = text
            .sentences
            .iter()
            .flat_map(|s| std::iter::once(s.span).chain(s.tokens.iter().map(|t| t.span)))
            .chain([Span::new(a.min(b), a.max(b)), Span::new(b, a)]);
        for span in spans {
            let back = text.original(span);
            prop_assert!(back.start <= back.end && back.end <= body.len());
            prop_assert!(body.is_char_boundary(back.start) && body.is_char_boundary(back.end));
            let expected: String = body[back.start..back.end].nfc().collect();
            if span.start < span.end && span.end <= text.text.len() {
                prop_assert!(expected.contains(text.slice(span)));
            }
        }
    }
}

/// Every token and sentence of `text` in lower case is what `to_lowercase`
/// of its slice gives.
fn assert_lowered(text: &Text) {
    for sentence in &text.sentences {
        assert_eq!(
            text.lower_span(sentence.span),
            text.slice(sentence.span).to_lowercase()
        );
        for token in &sentence.tokens {
            assert_eq!(text.lower(token), text.slice(token.span).to_lowercase());
            assert_eq!(
                text.lower_span(token.span),
                text.slice(token.span).to_lowercase()
            );
        }
    }
}

#[test]
fn tokens_in_lower_case_are_their_slices_lowered() {
    // ASCII, accents, and characters whose lower case is longer or shorter
    // (İ, the Kelvin sign, ẞ) or depends on the next letter (Σ).
    for body in [
        "De Kazachse President Tokajev sprak.",
        "Één Ärger in ÖSTERREICH, zei Zelensky.",
        "İstanbul en KELVIN \u{212A} spraken.",
        "GROẞE woorden. ΟΔΥΣΣΕΥΣ en ΣΑΣ.Β kwamen.",
    ] {
        assert_lowered(&run(body));
    }
}

proptest! {
    #[test]
    fn lower_case_is_to_lowercase(body in bodies()) {
        assert_lowered(&run(&body));
    }
}

proptest! {
    #[test]
    fn line_breaks_are_the_line_break_characters(
        body in "[a\n\r\u{0B}\u{0C}\u{85}\u{2028}\u{2029}\u{A8}\u{2027}é ]{0,24}"
    ) {
        let expected: Vec<(usize, usize)> = body
            .char_indices()
            .filter(|&(_, c)| {
                matches!(c, '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}')
            })
            .map(|(i, c)| (i, c.len_utf8()))
            .collect();
        prop_assert_eq!(line_breaks(&body).collect::<Vec<_>>(), expected);
    }
}
