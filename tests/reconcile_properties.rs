//! Invariants of reconciliation, checked on generated groups of claims.

use crosscheck::model::{Claim, Modality, Qualifier};
use crosscheck::reconcile::{QuantityRules, Reconciliation, reconcile};
use crosscheck::rules::files::ReconcileSettings;
use proptest::prelude::*;

const ORIGINS: &[&str] = &["ministry", "governor", "Red Cross", "", "army"];
const OUTLETS: &[&str] = &["Outlet A", "Outlet B", "Outlet C"];
const DATES: &[&str] = &["2023-02-06", "2023-02-08", "2023-02-20", "2023-03-15"];

fn claim(
    index: usize,
    value: f64,
    qualifier: u8,
    origin: usize,
    outlet: usize,
    date: usize,
    modality: u8,
) -> Claim {
    let qualifier = [
        Qualifier::Exact,
        Qualifier::About,
        Qualifier::AtLeast,
        Qualifier::AtMost,
        Qualifier::Range,
    ][qualifier as usize % 5];
    let (value, low, high) = if qualifier == Qualifier::Range {
        (None, Some(value), Some(value * 1.5))
    } else {
        (Some(value), None, None)
    };
    let mut claim = Claim::from_figure(
        format!("d{index}#1"),
        &format!("d{index}"),
        [value, low, high],
        qualifier,
    );
    claim.kind = "killed".into();
    claim.attribution = ORIGINS[origin % ORIGINS.len()].into();
    claim.modality = [
        Modality::Asserted,
        Modality::Asserted,
        Modality::Asserted,
        Modality::Projection,
    ][modality as usize % 4];
    claim.as_of = DATES[date % DATES.len()].parse().ok();
    claim.source = OUTLETS[outlet % OUTLETS.len()].into();
    claim.sentence = format!("sentence number {index} about figure {value:?} in a text").into();
    claim
}

fn claims_strategy() -> impl Strategy<Value = Vec<Claim>> {
    prop::collection::vec(
        (
            1u32..200_000,
            0u8..5,
            0usize..5,
            0usize..3,
            0usize..4,
            0u8..4,
        ),
        1..9,
    )
    .prop_map(|rows| {
        rows.into_iter()
            .enumerate()
            .map(|(i, (v, q, o, out, d, m))| claim(i, f64::from(v), q, o, out, d, m))
            .collect()
    })
}

fn run(claims: &[Claim], running_total: bool) -> Reconciliation {
    let settings = ReconcileSettings::default();
    let refs: Vec<&Claim> = claims.iter().collect();
    let rules = QuantityRules {
        settings: &settings,
        running_total,
    };
    reconcile(&refs, &[], &rules, None)
}

proptest! {
    #[test]
    fn consensus_is_ordered(claims in claims_strategy(), running in any::<bool>()) {
        let result = run(&claims, running);
        for consensus in result.periods.iter().filter_map(|p| p.consensus.as_ref()) {
            prop_assert!(consensus.low <= consensus.best, "{consensus:?}");
            if let Some(high) = consensus.high {
                prop_assert!(consensus.best <= high, "{consensus:?}");
            }
        }
    }

    #[test]
    fn every_claim_is_used_or_set_aside_with_a_reason(claims in claims_strategy(), running in any::<bool>()) {
        let result = run(&claims, running);
        for claim in &claims {
            let used = result.periods.iter().filter_map(|p| p.consensus.as_ref()).any(|c| c.used.contains(&claim.id));
            let aside = result.set_aside.iter().any(|s| s.claim == claim.id && !s.reason.is_empty());
            prop_assert!(used ^ aside, "{} used: {used}, set aside: {aside}", claim.id);
        }
    }

    #[test]
    fn an_echo_of_an_existing_origin_never_changes_the_consensus(claims in claims_strategy(), pick in any::<prop::sample::Index>(), running in any::<bool>()) {
        let before = run(&claims, running);
        let original = pick.get(&claims);
        let mut echo = original.clone();
        echo.id = "echo#1".into();
        echo.doc = "echo".into();
        echo.source = "Relaying outlet".into();
        let mut with_echo = claims.clone();
        with_echo.push(echo);
        let after = run(&with_echo, running);
        let figures = |r: &Reconciliation| r.periods.iter().map(|p| p.consensus.as_ref().map(|c| (c.low, c.best, c.high))).collect::<Vec<_>>();
        prop_assert_eq!(figures(&before), figures(&after));
    }

    #[test]
    fn the_result_does_not_depend_on_document_order(claims in claims_strategy(), running in any::<bool>()) {
        let forward = serde_json::to_string(&run(&claims, running)).unwrap();
        let mut reversed = claims.clone();
        reversed.reverse();
        let backward = serde_json::to_string(&run(&reversed, running)).unwrap();
        prop_assert_eq!(forward, backward);
    }
}
