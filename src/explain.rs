//! Explaining one quantity: the reasoning behind its consensus, step by step.
//!
//! Input: a report in its JSON form (read from a file written by `report
//! --format json`, or built from documents just now) and a group id. Output:
//! plain text that walks through the claims as intervals, the origins, the
//! periods, what each consensus used and set aside and why, and the
//! contradictions. Working from the JSON form means a saved report can be
//! explained later, exactly as it was.

use std::fmt::Write;

use serde_json::Value;

/// Explains group `id` of `report`; the error lists the ids that exist.
pub fn explain_group(report: &Value, id: &str) -> Result<String, String> {
    let groups = report["groups"]
        .as_array()
        .ok_or("this JSON is not a crosscheck report (no groups)")?;
    let Some(group) = groups.iter().find(|g| g["id"] == id) else {
        let ids: Vec<&str> = groups.iter().filter_map(|g| g["id"].as_str()).collect();
        return Err(format!(
            "no quantity with id `{id}`; the report has: {}",
            ids.join(", ")
        ));
    };
    let claims: Vec<&Value> = report["claims"]
        .as_array()
        .map(|c| c.iter().collect())
        .unwrap_or_default();
    let claim = |claim_id: &str| claims.iter().find(|c| c["id"] == claim_id).copied();
    let mut out = String::new();
    let _ = writeln!(out, "Quantity `{id}`: {}", text(&group["subject"]));
    let running = group["running_total"].as_bool().unwrap_or(false);
    let _ = writeln!(
        out,
        "Kind: {} — {}.\n",
        text(&group["kind"]),
        if running {
            "a running total: a later, larger figure is growth; a later, smaller one from another origin is a contradiction"
        } else {
            "a level: it may go up or down; figures are compared only within the time window"
        }
    );

    let _ = writeln!(out, "1. Each claim as an interval");
    for claim_id in group["claims"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        let interval = &group["intervals"][claim_id];
        let high = interval["high"].as_f64().map_or("open".to_string(), number);
        let (figure, qualifier, modality, as_of) = match claim(claim_id) {
            Some(c) => (
                figure_text(c),
                text(&c["qualifier"]),
                text(&c["modality"]),
                text_or(&c["as_of"], "undated"),
            ),
            None => (String::new(), String::new(), String::new(), String::new()),
        };
        let _ = writeln!(
            out,
            "   {claim_id}: {figure} ({qualifier}, {modality}, as of {as_of}) -> [{}, {high}]",
            number(interval["low"].as_f64().unwrap_or(0.0))
        );
    }

    let _ = writeln!(
        out,
        "\n2. Origins (each counts once, however many outlets relay it)"
    );
    for origin in group["origins"].as_array().into_iter().flatten() {
        let outlets: Vec<&str> = strings(&origin["outlets"]);
        let ids: Vec<&str> = strings(&origin["claims"]);
        let echo = if origin["echo"].as_bool() == Some(true) {
            " — near-identical copy in several outlets"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "   {}: claims {}; outlets {}{echo}; weight {}",
            text(&origin["name"]),
            ids.join(", "),
            outlets.join(", "),
            number(origin["weight"].as_f64().unwrap_or(1.0))
        );
    }

    let _ = writeln!(
        out,
        "\n3. Periods and consensus (claims are compared only within one period)"
    );
    for period in group["periods"].as_array().into_iter().flatten() {
        let when = match (period["from"].as_str(), period["to"].as_str()) {
            (Some(from), Some(to)) if from == to => from.to_string(),
            (Some(from), Some(to)) => format!("{from} to {to}"),
            _ => "undated".to_string(),
        };
        let _ = writeln!(out, "   Period {when}:");
        explain_consensus(&mut out, &period["consensus"]);
    }

    let set_aside = group["set_aside"]
        .as_array()
        .into_iter()
        .flatten()
        .collect::<Vec<_>>();
    if !set_aside.is_empty() {
        let _ = writeln!(out, "\n4. Set aside");
        for aside in set_aside {
            let _ = writeln!(
                out,
                "   {}: {}",
                text(&aside["claim"]),
                text(&aside["reason"])
            );
        }
    }
    let contradictions = group["contradictions"]
        .as_array()
        .into_iter()
        .flatten()
        .collect::<Vec<_>>();
    if !contradictions.is_empty() {
        let _ = writeln!(out, "\n5. Contradictions");
        for contradiction in contradictions {
            let ids: Vec<&str> = strings(&contradiction["claims"]);
            let _ = writeln!(
                out,
                "   {} ({} severity, gap {:.0}%): {} [{}]",
                text(&contradiction["kind"]),
                text(&contradiction["severity"]),
                contradiction["gap"].as_f64().unwrap_or(0.0) * 100.0,
                text(&contradiction["reason"]),
                ids.join(", ")
            );
        }
    }
    for timeline in group["timelines"].as_array().into_iter().flatten() {
        let _ = writeln!(
            out,
            "\nTimeline of {}: {}",
            text(&timeline["origin"]),
            text(&timeline["note"])
        );
    }
    Ok(out)
}

fn explain_consensus(out: &mut String, consensus: &Value) {
    if consensus.is_null() {
        let _ = writeln!(out, "     no consensus: no asserted figure");
        return;
    }
    let method = &consensus["method"];
    let high = consensus["high"]
        .as_f64()
        .map_or("open".to_string(), number);
    let used: Vec<&str> = strings(&consensus["used"]);
    let _ = writeln!(
        out,
        "     {} of {} origins share a point: {} -> {}",
        consensus["origins"],
        consensus["origins_total"],
        used.join(", "),
        text(&consensus["confidence"]).replace('_', " ")
    );
    let _ = writeln!(
        out,
        "     low  {} = {}",
        number(consensus["low"].as_f64().unwrap_or(0.0)),
        text(&method["low"])
    );
    let _ = writeln!(
        out,
        "     best {} = {}",
        number(consensus["best"].as_f64().unwrap_or(0.0)),
        text(&method["best"])
    );
    let _ = writeln!(out, "     high {high} = {}", text(&method["high"]));
    if consensus["carried_forward"].as_bool() == Some(true) {
        let _ = writeln!(
            out,
            "     low and best carried forward from an earlier period: a running total cannot fall"
        );
    }
    if let Some(unweighted) = consensus["unweighted_best"].as_f64() {
        let _ = writeln!(
            out,
            "     without reliability weights best would be {}",
            number(unweighted)
        );
    }
}

/// The strings of a JSON array (none when it is not one).
fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect()
}

fn text(value: &Value) -> String {
    value
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| value.to_string())
}

fn text_or(value: &Value, fallback: &str) -> String {
    value.as_str().unwrap_or(fallback).to_string()
}

fn number(value: f64) -> String {
    crate::report::format_number(value)
}

fn figure_text(claim: &Value) -> String {
    match (
        claim["value"].as_f64(),
        claim["low"].as_f64(),
        claim["high"].as_f64(),
    ) {
        (Some(value), ..) => number(value),
        (None, Some(low), Some(high)) => format!("{}–{}", number(low), number(high)),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_group_lists_the_known_ones() {
        let report = serde_json::json!({"groups": [{"id": "a"}, {"id": "b"}], "claims": []});
        let error = explain_group(&report, "c").unwrap_err();
        assert!(error.contains("a, b"), "{error}");
        assert!(explain_group(&serde_json::json!({}), "a").is_err());
    }
}
