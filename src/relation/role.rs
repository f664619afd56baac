//! Roles: the offices and titles the text gives an actor.
//!
//! Takes: the compiled rules (word classes `role`, `former`), an analysed
//! text and its mentions.
//! Gives: [`Role`]s: "de Kazachse president Tokajev" (president of
//! Kazakhstan), "oud-premier Karim Masimov" (former prime minister),
//! "Dana Zhanay, directeur van Qaharman" (director of Qaharman).
//! Does not: turn roles into relations (the `leads` rules do that).

use super::pattern::Item;
use super::{actor_sentences, RelationRules, ARTICLE, FORMER, OF, ROLE};
use crate::actor::Mention;
use crate::text::Text;

/// A role the text gives an actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    /// The actor (lexicon index).
    pub actor: usize,
    /// The role word, lower case ("president").
    pub role: String,
    /// What the role is of: a country (from a demonym) or an organisation.
    pub of: Option<usize>,
    /// A former role ("oud-", "voormalig").
    pub former: bool,
    /// The sentence it was read from.
    pub sentence: usize,
}

fn word<'t>(items: &[Item<'t>], at: usize) -> Option<&'t str> {
    match items.get(at) {
        Some(Item::Word { text, .. }) => Some(text),
        _ => None,
    }
}

fn named(items: &[Item], at: usize, mentions: &[Mention]) -> Option<usize> {
    match items.get(at) {
        Some(Item::Actor {
            mention,
            possessive: false,
            demonym: false,
            ..
        }) => Some(mentions[*mention].actor),
        _ => None,
    }
}

/// Every role in `text`.
pub fn roles(rules: &RelationRules, text: &Text, mentions: &[Mention]) -> Vec<Role> {
    let mut found = Vec::new();
    for (index, items, _) in actor_sentences(rules, text, mentions) {
        sentence_roles(rules, index, &items, mentions, &mut found);
    }
    found
}

/// The roles in the sentence `index`, read from its items, appended to `found`.
pub(crate) fn sentence_roles(
    rules: &RelationRules,
    index: usize,
    items: &[Item],
    mentions: &[Mention],
    found: &mut Vec<Role>,
) {
    let is = |class: u8, w: Option<&str>| {
        w.is_some_and(|w| rules.role_words.get(w).is_some_and(|&c| c & class != 0))
    };
    {
        for (i, _) in items.iter().enumerate() {
            let Some(actor) = named(items, i, mentions) else {
                continue;
            };
            // Before the name: [former [-]] [demonym] [former [-]] role NAME.
            if i >= 1 && is(ROLE, word(items, i - 1)) {
                let mut k = i - 1;
                let role = word(items, k).unwrap_or_default().to_string();
                let mut former = false;
                let mut of = None;
                let take_former = |k: &mut usize| {
                    if *k >= 2
                        && word(items, *k - 1) == Some("-")
                        && is(FORMER, word(items, *k - 2))
                    {
                        *k -= 2;
                        true
                    } else if *k >= 1 && is(FORMER, word(items, *k - 1)) {
                        *k -= 1;
                        true
                    } else {
                        false
                    }
                };
                former |= take_former(&mut k);
                if let Some(Item::Actor {
                    mention,
                    demonym: true,
                    ..
                }) = k.checked_sub(1).and_then(|j| items.get(j))
                {
                    of = Some(mentions[*mention].actor);
                    k -= 1;
                    former |= take_former(&mut k);
                }
                found.push(Role {
                    actor,
                    role,
                    of,
                    former,
                    sentence: index,
                });
            }
            // After the name: NAME , [de] [former [-]] role [van ... ORG].
            if word(items, i + 1) == Some(",") {
                let mut k = i + 2;
                if is(ARTICLE, word(items, k)) {
                    k += 1;
                }
                let mut former = false;
                if is(FORMER, word(items, k)) {
                    former = true;
                    k += if word(items, k + 1) == Some("-") {
                        2
                    } else {
                        1
                    };
                }
                if !is(ROLE, word(items, k)) {
                    continue;
                }
                let role = word(items, k).unwrap_or_default().to_string();
                let of = if is(OF, word(items, k + 1)) {
                    (k + 2..k + 6)
                        .take_while(|&j| {
                            !matches!(items.get(j), Some(Item::Word { punct: true, .. }) | None)
                        })
                        .find_map(|j| named(items, j, mentions))
                } else {
                    None
                };
                found.push(Role {
                    actor,
                    role,
                    of,
                    former,
                    sentence: index,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {

    fn roles(text: &str) -> Vec<String> {
        crate::testing::with_analysis(text, |lexicon, analysis| {
            let actors = analysis.actors(lexicon);
            let id = |i: usize| actors.get(i).id.clone();
            analysis
                .roles
                .iter()
                .map(|r| {
                    format!(
                        "{} {}{}{}",
                        id(r.actor),
                        if r.former { "former " } else { "" },
                        r.role,
                        r.of.map(|o| format!(" of {}", id(o))).unwrap_or_default()
                    )
                })
                .collect()
        })
    }

    #[test]
    fn roles_before_the_name() {
        assert_eq!(
            roles("De Kazachse president Tokajev sprak."),
            vec!["kassym-jomart-tokajev president of kazachstan"]
        );
        assert_eq!(
            roles("Oud-premier Karim Masimov is opgepakt."),
            vec!["karim-masimov former premier"]
        );
        assert_eq!(
            roles("De Kazachse oud-president Nazarbajev zweeg."),
            vec!["noersoeltan-nazarbajev former president of kazachstan"]
        );
        assert_eq!(
            roles("Ook generaal Zjanat Soeleimenov is dood."),
            vec!["zjanat-soeleimenov generaal"]
        );
    }

    #[test]
    fn roles_in_an_apposition() {
        assert_eq!(
            roles(
                "Volgens Dana Zhanay, directeur van mensenrechtenorganisatie Qaharman, loog hij."
            ),
            vec!["dana-zhanay directeur of qaharman"]
        );
        assert_eq!(
            roles("Masimov, de voormalige directeur van de KNB, zweeg."),
            vec!["karim-masimov former directeur of knb"]
        );
        // Not a role: an apposition without a role word, a possessive.
        assert!(roles("Masimov, een bondgenoot van Nazarbajev, zweeg.").is_empty());
        assert!(roles("Nazarbajevs rechterhand zweeg.").is_empty());
    }
}
