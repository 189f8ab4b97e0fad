//! `entities.toml` and `names/*.toml`: the names of entities.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::default_true;

/// `entities.toml`: names of countries, institutions, people and outlets.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EntitiesFile {
    pub format: u32,
    #[serde(default)]
    pub entity: Vec<EntityDef>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EntityDef {
    /// Canonical English name.
    pub name: String,
    /// Required, except on an entry that extends an entity defined elsewhere.
    #[serde(rename = "type", default)]
    pub entity_type: Option<EntityType>,
    /// For countries: the English adjective ("South Korean").
    #[serde(default)]
    pub demonym: Option<String>,
    /// Language code -> names in that language.
    #[serde(default)]
    pub aliases: IndexMap<String, Vec<String>>,
    /// Language code -> the adjective's forms in that language.
    #[serde(default)]
    pub demonym_aliases: IndexMap<String, Vec<String>>,
    /// For outlets: web domains that name them.
    #[serde(default)]
    pub domains: Vec<String>,
    /// False switches the entity off (for a rule folder that overrides a default).
    #[serde(default = "default_true")]
    pub enabled: bool,
    /// True adds this entry's aliases, adjectives and domains to the entity of the
    /// same name defined elsewhere, instead of replacing it: a language pack's
    /// spellings of "South Korea" live beside the pack.
    #[serde(default)]
    pub extend: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntityType {
    Country,
    /// A kind of body: intelligence, officials, ministry of defence.
    Institution,
    Person,
    Organisation,
    /// A loose collective: "the West".
    Group,
    Outlet,
}
