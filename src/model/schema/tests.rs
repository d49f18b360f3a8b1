use super::*;
use crate::model::kinds::{
    Channel as ChannelKind, Language as LanguageKind, StepKind, Tone as ToneKind,
};
use crate::model::validate::keys::{
    AFTER_KEYS, CANDIDATE_KEYS, CHECK_IN_KEYS, COMPETING_OFFER_KEYS, DONE_KEYS, FOLLOW_UP_KEYS,
    INTERVIEW_KEYS, INTERVIEWER_KEYS, OFFER_KEYS, OFFER_POLICY_KEYS, POLICY_KEYS, SETTING_KEYS,
    THANK_YOU_KEYS, TOP_KEYS, WEEKDAYS,
};
use serde_json::Value;
use std::collections::BTreeSet;

fn schema() -> Value {
    serde_json::from_str(&to_json()).unwrap_or(Value::Null)
}

/// The object schema named `name` (`Input` is the root).
fn object(schema: &Value, name: &str) -> Value {
    if name == "Input" {
        return schema.clone();
    }
    schema["$defs"][name].clone()
}

fn keys(v: &Value) -> BTreeSet<String> {
    v["properties"]
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

#[track_caller]
fn case(name: &str, validator_keys: &[&str]) {
    let s = schema();
    let obj = object(&s, name);
    let want: BTreeSet<String> = validator_keys.iter().map(|k| k.to_string()).collect();
    assert_eq!(keys(&obj), want, "{name}: schema keys = validator keys");
    assert_eq!(
        obj["additionalProperties"],
        Value::Bool(false),
        "{name}: unknown keys are refused"
    );
}

#[test]
fn schema_keys_equal_the_validators_key_lists() {
    case("Input", TOP_KEYS);
    case("Candidate", CANDIDATE_KEYS);
    case("Defaults", SETTING_KEYS);
    case("Interview", INTERVIEW_KEYS);
    case("Interviewer", INTERVIEWER_KEYS);
    case("CompetingOffer", COMPETING_OFFER_KEYS);
    case("Offer", OFFER_KEYS);
    case("DoneEntry", DONE_KEYS);
    case("OfferPolicy", OFFER_POLICY_KEYS);
    case("Policy", POLICY_KEYS);
    case("ThankYouPolicy", THANK_YOU_KEYS);
    case("CheckInPolicy", CHECK_IN_KEYS);
    case("FollowUpPolicy", FOLLOW_UP_KEYS);
    case("AfterPolicy", AFTER_KEYS);
}

#[test]
fn required_keys_are_the_validators_required_keys() {
    let s = schema();
    let required = |name: &str| -> BTreeSet<String> {
        object(&s, name)["required"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    let set = |keys: &[&str]| keys.iter().map(|k| k.to_string()).collect::<BTreeSet<_>>();
    assert_eq!(required("Input"), set(&["interviews"]));
    assert_eq!(
        required("Interview"),
        set(&["id", "company", "role", "start"])
    );
    assert_eq!(required("Interviewer"), set(&["name"]));
    assert_eq!(required("CompetingOffer"), set(&["company", "received"]));
    assert_eq!(required("Offer"), set(&["received"]));
    assert_eq!(required("DoneEntry"), set(&["step", "on"]));
    assert_eq!(required("Policy"), set(&[]));
}

#[test]
fn vocabularies_are_enums_of_the_models_names() {
    let s = schema();
    let values = |name: &str| -> Vec<String> {
        s["$defs"][name]["enum"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(values("Status"), crate::model::Status::NAMES);
    assert_eq!(values("Channel"), ChannelKind::NAMES);
    assert_eq!(values("Language"), LanguageKind::NAMES);
    assert_eq!(values("Tone"), ToneKind::NAMES);
    let markable: Vec<&str> = StepKind::ALL
        .into_iter()
        .filter(|k| k.can_be_done())
        .map(StepKind::id)
        .collect();
    assert_eq!(values("DoneStep"), markable);
    let weekdays = values("Weekday");
    assert!(WEEKDAYS.iter().all(|w| weekdays.iter().any(|x| x == w)));
}

#[test]
fn every_key_has_a_description_and_an_example() {
    let s = schema();
    let mut objects = vec![("Input".to_string(), s.clone())];
    if let Some(defs) = s["$defs"].as_object() {
        objects.extend(defs.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    let mut seen = 0;
    for (name, obj) in objects {
        let Some(props) = obj["properties"].as_object() else {
            continue;
        };
        for (key, prop) in props {
            seen += 1;
            assert!(
                prop["description"].as_str().is_some_and(|d| !d.is_empty()),
                "{name}.{key} has no description"
            );
            assert!(
                prop["examples"].as_array().is_some_and(|e| !e.is_empty()),
                "{name}.{key} has no example"
            );
        }
    }
    assert!(seen > 40, "{seen}");
}

#[test]
fn descriptions_are_unwrapped() {
    let text = to_json();
    let s: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    let d = s["properties"]["candidate"]["description"]
        .as_str()
        .unwrap_or("");
    assert!(
        d.starts_with("You, the job seeker: signs the drafted notes and, with `timezone`, sets"),
        "{d}"
    );
}

#[test]
fn is_draft_2020_12() {
    assert_eq!(
        schema()["$schema"],
        Value::String("https://json-schema.org/draft/2020-12/schema".into())
    );
}

#[track_caller]
fn mirror_accepts(text: &str) {
    let parsed: Result<Input, _> = serde_saphyr::from_str(text);
    if let Err(e) = parsed {
        panic!("the schema's types refuse a valid input: {e}");
    }
}

#[test]
fn the_mirror_types_read_the_example_and_the_starter() {
    mirror_accepts(include_str!("../../../fixtures/example.yaml"));
    mirror_accepts(include_str!("../../flows/starter.yaml"));
}

#[test]
fn the_mirror_types_refuse_unknown_keys() {
    let parsed: Result<Input, _> = serde_saphyr::from_str(
        "interviews:\n  - { id: a, company: A, role: R, start: 2026-11-17T14:00, decison_by: 2026-11-20 }\n",
    );
    assert!(parsed.is_err());
}
