//! A service's workflow as a directed graph (نمودار گردش کار) and its structural rules.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    Start,
    Task,
    Decision,
    End,
}

impl NodeKind {
    pub const fn key(self) -> &'static str {
        match self {
            NodeKind::Start => "start",
            NodeKind::Task => "task",
            NodeKind::Decision => "decision",
            NodeKind::End => "end",
        }
    }
}

/// Who acts at a step, as far as the booklet names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Office {
    Applicant,
    DistrictOffice,
    CountyOffice,
    Governorate,
    Ministry,
    OtherAgency,
}

impl Office {
    /// The county office, the governorate and the ministry decide above the district: a step of
    /// theirs is taken by their signed decision (through the hub), or by the district governor
    /// recording the letter that brought it on paper.
    pub fn is_upstream(self) -> bool {
        matches!(self, Office::CountyOffice | Office::Governorate | Office::Ministry)
    }

    pub const ALL: [Office; 6] = [
        Office::Applicant,
        Office::DistrictOffice,
        Office::CountyOffice,
        Office::Governorate,
        Office::Ministry,
        Office::OtherAgency,
    ];

    /// The snake-case key used in data files and message IDs.
    pub const fn key(self) -> &'static str {
        match self {
            Office::Applicant => "applicant",
            Office::DistrictOffice => "district_office",
            Office::CountyOffice => "county_office",
            Office::Governorate => "governorate",
            Office::Ministry => "ministry",
            Office::OtherAgency => "other_agency",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    pub id: String,
    pub kind: NodeKind,
    pub label_fa: String,
    pub actor: Option<Office>,
    /// Days allowed for this step, when the booklet states a limit.
    pub time_limit_days: Option<u32>,
    /// The booklet's own words for the limit («حداکثر طی یک هفته»).
    pub time_limit_fa: Option<String>,
    /// True for a step the booklet does not print, added where its diagram needs one (a question
    /// whose branch labels survive without it); diagrams draw its label in brackets.
    #[serde(default)]
    pub inferred: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edge {
    pub from: String,
    pub to: String,
    /// Branch label (بلی / خیر / موافق / مخالف …); only on edges leaving a decision.
    pub label_fa: Option<String>,
    /// True when the booklet does not print `label_fa` and it was added to name the branch;
    /// diagrams draw it in brackets.
    #[serde(default)]
    pub inferred: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workflow {
    /// True when the booklet's diagram did not survive and the standard workflow stands in.
    pub generic: bool,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum WorkflowError {
    #[error("the workflow needs exactly one start node, it has {0}")]
    StartCount(usize),
    #[error("the workflow has no end node")]
    NoEnd,
    #[error("node id {0} is used twice")]
    DuplicateNode(String),
    #[error("an edge refers to node {0}, which does not exist")]
    UnknownNode(String),
    #[error("node {0} cannot be reached from the start")]
    Unreachable(String),
    #[error("node {0} cannot reach an end")]
    DeadEnd(String),
    #[error("decision {0} needs at least two outgoing edges")]
    DecisionBranches(String),
    #[error("an edge leaving decision {0} has no branch label")]
    UnlabelledBranch(String),
    #[error("decision {0} has two branches with the same label")]
    DuplicateBranch(String),
    #[error("step {0} has more than one way out but is not a decision")]
    TaskBranches(String),
    #[error("the edge from {0} has a branch label but {0} is not a decision")]
    LabelOutsideDecision(String),
    #[error("start node {0} has an incoming edge")]
    IntoStart(String),
    #[error("end node {0} has an outgoing edge")]
    OutOfEnd(String),
    #[error("an edge leaving {0} is marked inferred but has no branch label")]
    InferredWithoutLabel(String),
}

impl Workflow {
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }

    pub fn start(&self) -> Option<&Node> {
        self.nodes.iter().find(|n| n.kind == NodeKind::Start)
    }

    pub fn outgoing<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Edge> + 'a {
        self.edges.iter().filter(move |e| e.from == id)
    }

    /// Checks every structural rule; the first broken rule is returned.
    pub fn validate(&self) -> Result<(), WorkflowError> {
        let mut ids = HashSet::new();
        for node in &self.nodes {
            if !ids.insert(node.id.as_str()) {
                return Err(WorkflowError::DuplicateNode(node.id.clone()));
            }
        }
        for edge in &self.edges {
            for end in [&edge.from, &edge.to] {
                if !ids.contains(end.as_str()) {
                    return Err(WorkflowError::UnknownNode(end.clone()));
                }
            }
        }
        let starts: Vec<&Node> = self.nodes.iter().filter(|n| n.kind == NodeKind::Start).collect();
        let [start] = starts.as_slice() else {
            return Err(WorkflowError::StartCount(starts.len()));
        };
        if !self.nodes.iter().any(|n| n.kind == NodeKind::End) {
            return Err(WorkflowError::NoEnd);
        }
        self.nodes.iter().try_for_each(|n| self.validate_exits(n))?;
        self.validate_connectivity(&start.id)
    }

    fn validate_exits(&self, node: &Node) -> Result<(), WorkflowError> {
        let out: Vec<&Edge> = self.outgoing(&node.id).collect();
        let id = || node.id.clone();
        if out.iter().any(|e| e.inferred && e.label_fa.is_none()) {
            return Err(WorkflowError::InferredWithoutLabel(id()));
        }
        match node.kind {
            NodeKind::Start if self.edges.iter().any(|e| e.to == node.id) => Err(WorkflowError::IntoStart(id())),
            NodeKind::End if !out.is_empty() => Err(WorkflowError::OutOfEnd(id())),
            NodeKind::Decision => {
                if out.len() < 2 {
                    return Err(WorkflowError::DecisionBranches(id()));
                }
                let mut labels = HashSet::new();
                for edge in out {
                    let label = edge.label_fa.as_deref().ok_or_else(|| WorkflowError::UnlabelledBranch(id()))?;
                    if !labels.insert(label) {
                        return Err(WorkflowError::DuplicateBranch(id()));
                    }
                }
                Ok(())
            }
            _ if out.len() > 1 => Err(WorkflowError::TaskBranches(id())),
            _ if out.iter().any(|e| e.label_fa.is_some()) => Err(WorkflowError::LabelOutsideDecision(id())),
            _ => Ok(()),
        }
    }

    fn validate_connectivity(&self, start: &str) -> Result<(), WorkflowError> {
        let forward = reach(start.to_owned(), &self.edges, |e| (&e.from, &e.to));
        if let Some(n) = self.nodes.iter().find(|n| !forward.contains(n.id.as_str())) {
            return Err(WorkflowError::Unreachable(n.id.clone()));
        }
        let mut backward = HashSet::new();
        for end in self.nodes.iter().filter(|n| n.kind == NodeKind::End) {
            backward.extend(reach(end.id.clone(), &self.edges, |e| (&e.to, &e.from)));
        }
        match self.nodes.iter().find(|n| !backward.contains(n.id.as_str())) {
            Some(n) => Err(WorkflowError::DeadEnd(n.id.clone())),
            None => Ok(()),
        }
    }
}

/// Every node reachable from `from`, following edges in the direction `step` gives.
fn reach(from: String, edges: &[Edge], step: impl Fn(&Edge) -> (&String, &String)) -> HashSet<String> {
    let mut next: HashMap<&str, Vec<&str>> = HashMap::new();
    for edge in edges {
        let (a, b) = step(edge);
        next.entry(a.as_str()).or_default().push(b.as_str());
    }
    let mut seen = HashSet::new();
    let mut stack = vec![from];
    while let Some(id) = stack.pop() {
        if let Some(targets) = next.get(id.as_str()) {
            stack.extend(targets.iter().filter(|t| !seen.contains(**t)).map(|t| (*t).to_owned()));
        }
        seen.insert(id);
    }
    seen
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn node(id: &str, kind: NodeKind) -> Node {
        Node {
            id: id.into(),
            kind,
            label_fa: id.into(),
            actor: None,
            time_limit_days: None,
            time_limit_fa: None,
            inferred: false,
        }
    }

    pub(crate) fn edge(from: &str, to: &str, label: Option<&str>) -> Edge {
        Edge { from: from.into(), to: to.into(), label_fa: label.map(Into::into), inferred: false }
    }

    /// start → t1 → d1 —بلی→ t2 → end; d1 —خیر→ t1 (a return-for-correction loop).
    pub(crate) fn sample() -> Workflow {
        Workflow {
            generic: false,
            nodes: vec![
                node("start", NodeKind::Start),
                node("t1", NodeKind::Task),
                node("d1", NodeKind::Decision),
                node("t2", NodeKind::Task),
                node("end", NodeKind::End),
            ],
            edges: vec![
                edge("start", "t1", None),
                edge("t1", "d1", None),
                edge("d1", "t2", Some("بلی")),
                edge("d1", "t1", Some("خیر")),
                edge("t2", "end", None),
            ],
        }
    }

    #[test]
    fn a_sound_graph_with_a_loop_passes() {
        assert_eq!(sample().validate(), Ok(()));
    }

    fn broken(change: impl FnOnce(&mut Workflow)) -> Result<(), WorkflowError> {
        let mut w = sample();
        change(&mut w);
        w.validate()
    }

    #[test]
    fn each_broken_rule_is_named() {
        assert_eq!(broken(|w| w.nodes.push(node("start2", NodeKind::Start))), Err(WorkflowError::StartCount(2)));
        assert_eq!(
            broken(|w| {
                w.nodes.retain(|n| n.id != "start");
                w.edges.retain(|e| e.from != "start");
            }),
            Err(WorkflowError::StartCount(0))
        );
        assert_eq!(
            broken(|w| {
                w.nodes.retain(|n| n.id != "end");
                w.edges.retain(|e| e.to != "end");
            }),
            Err(WorkflowError::NoEnd)
        );
        assert_eq!(broken(|w| w.nodes.push(node("t1", NodeKind::Task))), Err(WorkflowError::DuplicateNode("t1".into())));
        assert_eq!(broken(|w| w.edges.push(edge("t2", "nowhere", None))), Err(WorkflowError::UnknownNode("nowhere".into())));
        assert_eq!(
            broken(|w| {
                w.nodes.push(node("orphan", NodeKind::Task));
                w.edges.push(edge("orphan", "end", None));
            }),
            Err(WorkflowError::Unreachable("orphan".into()))
        );
        assert_eq!(
            broken(|w| {
                w.nodes.push(node("trap", NodeKind::Task));
                w.nodes.push(node("d2", NodeKind::Decision));
                w.edges.retain(|e| e.from != "t2");
                w.edges.push(edge("t2", "d2", None));
                w.edges.push(edge("d2", "end", Some("بلی")));
                w.edges.push(edge("d2", "trap", Some("خیر")));
            }),
            Err(WorkflowError::DeadEnd("trap".into()))
        );
        assert_eq!(
            broken(|w| w.edges.retain(|e| e.label_fa.as_deref() != Some("خیر"))),
            Err(WorkflowError::DecisionBranches("d1".into()))
        );
        assert_eq!(
            broken(|w| w.edges.iter_mut().filter(|e| e.from == "d1").for_each(|e| e.label_fa = None)),
            Err(WorkflowError::UnlabelledBranch("d1".into()))
        );
        assert_eq!(
            broken(|w| w.edges.iter_mut().filter(|e| e.from == "d1").for_each(|e| e.label_fa = Some("بلی".into()))),
            Err(WorkflowError::DuplicateBranch("d1".into()))
        );
        assert_eq!(broken(|w| w.edges.push(edge("t2", "t1", None))), Err(WorkflowError::TaskBranches("t2".into())));
        assert_eq!(
            broken(|w| w.edges.iter_mut().filter(|e| e.from == "t2").for_each(|e| e.label_fa = Some("بلی".into()))),
            Err(WorkflowError::LabelOutsideDecision("t2".into()))
        );
        assert_eq!(broken(|w| w.edges.push(edge("d1", "start", Some("شاید")))), Err(WorkflowError::IntoStart("start".into())));
        assert_eq!(broken(|w| w.edges.push(edge("end", "t1", None))), Err(WorkflowError::OutOfEnd("end".into())));
    }
}
