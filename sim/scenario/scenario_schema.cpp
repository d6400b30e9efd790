#include "sim/scenario/scenario_schema.h"

#include <sstream>

#include "sim/relay/discipline.h"
#include "sim/scenario/scenario_loader.h"
#include "topology/classification.h"
#include "topology/network_schema.h"

namespace cablesim {
namespace {

using namespace schema;  // NOLINT: the shape helpers read as a table
namespace keys = scenario_yaml;

std::string PrecedenceShape() { return Enum(keys::kPrecedenceWords); }
std::string ClassificationShape() { return Enum(ClassificationNames()); }
std::string DisciplineShape() {
  std::vector<std::string> names;
  for (Discipline d : {Discipline::kFifo, Discipline::kPriority, Discipline::kPreemptRestart,
                       Discipline::kPreemptResume}) {
    names.emplace_back(DisciplineName(d));
  }
  return Enum(names);
}
// An offset from the start (90s) or a UTC time.
std::string TimeShape() { return AnyOf({DurationShape(), UtcShape()}); }
// A drawn count or length: corpus, N, [low, high], {exponential: MEAN}, {lognormal: ...}.
std::string DrawShape(long long min) {
  return AnyOf({Enum({"corpus"}), Integer(min, 100'000'000),
                ListOf(Integer(0, 100'000'000), 2) + ", \"maxItems\": 2", Ref("distribution")});
}
std::string PoolShape() {  // station RIs (collectives too for addressees), all_posts, all_stations
  return TextOrList();
}

Definition TopDef() {
  return {
      "scenario",
      "A scenario: a network and the traffic, faults and options of one situation",
      &keys::kTopKeys,
      {{"name", Text(), "default: the file name"},
       {"description", Text(), "one line for reports"},
       {"start", UtcShape(),
        "simulated time 0, UTC; default: the earliest cable's filing time (to the minute), "
        "else 2000-01-01T00:00:00Z"},
       {"duration", AnyOf({DurationShape(), Enum({"until-empty"})}),
        "default until-empty: run until nothing is left to do"},
       {"seed", Integer(0, 18446744073709551615ULL),
        "one seed; each generator draws from its own stream of it"},
       {"network", AnyOf({Text(), Ref("network")}),
        "required: a network file (relative to this file) or an inline network mapping"},
       {"discipline", DisciplineShape(), "the queue discipline of every transmitter"},
       {"preemption", MapOf(PrecedenceShape(), ListOf(PrecedenceShape())),
        "who may interrupt whom (preempt-* only): {FLASH: [IMMEDIATE, PRIORITY, ROUTINE]}"},
       {"station_disciplines", MapOf(Pattern("^[A-Z]{4,7}$"), DisciplineShape()),
        "per sending station: {RUEH: fifo}"},
       {"copy_precedence", Enum({"keep", "lower"}),
        "keep: segregated copies keep the message's highest precedence; lower: the highest "
        "among the addressees a copy serves"},
       {"reroute_after", DurationShape(),
        "default never: a copy waiting this long takes another path if there is one (>= 1s)"},
       {"warmup", DurationShape(), "messages filed earlier are left out of the statistics"},
       {"drain", AnyOf({Boolean(), DurationShape()}),
        "true (at most 7 days more) or a limit: arrivals stop at duration, the run goes on "
        "until nothing is in flight"},
       {"objectives", MapOf(PrecedenceShape(), DurationShape()),
        "delivery-time objectives: {FLASH: 10m, IMMEDIATE: 30m, PRIORITY: 3h, ROUTINE: 6h}"},
       {"traffic", Ref("traffic"), "cables, messages, generators and traces"},
       {"faults", ListOf(Ref("fault")), "links and stations out of service for a while"},
       {"minimize", ListOf(Ref("minimize")), "MINIMIZE orders"},
       {"procedure", Ref("procedure"), "what receivers do about lost and garbled transmissions"},
       {"efto", ClassificationShape(),
        "the classification an EFTO cable counts as (default UNCLASSIFIED)"},
       {"analytic", Enum({"mm1-priority", "mg1-station"}),
        "exact queueing results that compare prints beside"}},
      {"network"}};
}

Definition TrafficDef() {
  return {"traffic",
          "The traffic of a scenario",
          &keys::kTrafficKeys,
          {{"cables", ListOf(AnyOf({Text(), Ref("cable")})),
            "ACP 127 files, each filed at its DE station at its FL3 time"},
           {"messages", ListOf(Ref("message")), "explicit messages"},
           {"generators", ListOf(Ref("generator")), "Poisson arrivals at each origin"},
           {"traces", TextOrList(), "CSV files: time,from,to,info,precedence,chars"}},
          {}};
}

Definition CableDef() {
  return {"cable",
          "A file of ACP 127 cables, and where or when to file them",
          &keys::kCableKeys,
          {{"file", Text(), "required: the file (relative to the scenario)"},
           {"at", UtcShape(), "file every cable of it at this UTC time"},
           {"file_at", Text(), "file every cable of it at this station"},
           {"fallback_file_at", Text(),
            "file here only the cables whose DE station is missing or not in the network"},
           {"on_error", Enum({"stop", "skip"}),
            "stop (default): a cable that cannot be filed is an error; skip: listed and left out"}},
          {"file"}};
}

Definition MessageDef() {
  return {"message",
          "An explicit message",
          &keys::kMessageKeys,
          {{"id", Text(), "default message-N"},
           {"from", Text(), "required: a station"},
           {"to", TextOrList(), "required: station RIs, collective names or RIs"},
           {"info", TextOrList(), "INFO addressees (default none)"},
           {"precedence", PrecedenceShape(), "action precedence (default ROUTINE)"},
           {"info_precedence", PrecedenceShape(), "default: the action precedence"},
           {"chars", Integer(1, 100'000'000), "characters on the wire (default 2000)"},
           {"at", TimeShape(), "offset from the start or UTC time (default 0s)"},
           {"classification", ClassificationShape(), "default UNCLASSIFIED"}},
          {"from", "to"}};
}

Definition GeneratorDef() {
  return {"generator",
          "Poisson arrivals of messages at each origin",
          &keys::kGeneratorKeys,
          {{"name", Text(), "ids are NAME-1, NAME-2, ... (default generator-N)"},
           {"from", PoolShape(), "required: station RIs, all_posts or all_stations"},
           {"per_hour", Positive(), "required: arrivals per hour at each origin"},
           {"precedence",
            AnyOf({Enum({"corpus"}), PrecedenceShape(), MapOf(PrecedenceShape(), NonNegative())}),
            "corpus (the corpus's FL5 mix), a word, or weights {FLASH: 5, IMMEDIATE: 20, ...}"},
           {"length", DrawShape(1),
            "text characters: corpus, N, [low, high], {exponential: MEAN}, {lognormal: MEAN, "
            "sigma: S}"},
           {"heading", Boolean(), "add an estimated heading and end-of-message sequence"},
           {"to", Ref("addressees"), "TO addressees drawn per message (default one of all_posts)"},
           {"info", Ref("addressees"), "INFO addressees drawn per message (default none)"},
           {"start", TimeShape(), "default 0s"},
           {"stop", TimeShape(), "default: the end of the run"},
           {"max_messages", Integer(1, 1ULL << 40), "default no limit"},
           {"classification", ClassificationShape(),
            "of every message it files (default UNCLASSIFIED)"}},
          {"from", "per_hour"}};
}

Definition AddresseesDef() {
  return {"addressees",
          "How many addressees a generated message has, and from which pool",
          &keys::kAddresseeDrawKeys,
          {{"count", DrawShape(0),
            "N, [low, high], corpus or a distribution; at least 1 for to (a draw below 1 gives 1)"},
           {"from", PoolShape(), "station RIs or collectives, all_posts or all_stations"}},
          {}};
}

Definition DistributionDef() {
  return {"distribution",
          "A drawn length or count: {exponential: MEAN} or {lognormal: MEAN, sigma: S}",
          &keys::kDistributionKeys,
          {{"exponential", PositiveUpTo(1e8), "the mean"},
           {"lognormal", PositiveUpTo(1e8), "the mean of the value itself"},
           {"sigma", PositiveUpTo(3), "sigma of the log (default 1, at most 3)"}},
          {}};
}

Definition FaultDef() {
  return {"fault",
          "A link or a station out of service",
          &keys::kFaultKeys,
          {{"link", ListOf(Pattern("^[A-Z]{4,7}$"), 2) + ", \"maxItems\": 2",
            "[RI, RI]: both directions out of service"},
           {"station", Text(), "all its links, and it processes nothing"},
           {"at", TimeShape(), "required: when it starts"},
           {"for", DurationShape(), "required: how long"}},
          {"at", "for"}};
}

Definition MinimizeDef() {
  return {"minimize",
          "A MINIMIZE order",
          &keys::kMinimizeKeys,
          {{"stations", TextOrList(), "the stations it applies to (or region; neither: all)"},
           {"region", Text(), "the region whose stations it applies to"},
           {"at", TimeShape(), "required: when it starts"},
           {"for", DurationShape(), "required: how long"},
           {"below", PrecedenceShape(), "required: messages below this precedence are stopped"},
           {"action", Enum({"hold", "refuse"}),
            "hold (default): filed when the order ends; refuse: sent by other means"},
           {"traffic", Enum({"filed", "passing", "all"}),
            "filed (default): messages filed at its stations; passing: copies relayed through "
            "them; all: both"}},
          {"at", "for", "below"}};
}

Definition ProcedureDef() {
  return {"procedure",
          "What receivers do about lost and garbled transmissions",
          &keys::kProcedureKeys,
          {{"no_traffic_check", DurationShape(),
            "no traffic this long after the last transmission received: a service message (1m "
            "to 1d; default 30m)"},
           {"service_chars", Integer(1, 100'000), "characters of a service message (default 100)"},
           {"subject_to_correction", Boolean(),
            "IMMEDIATE and higher arriving garbled are relayed at once (default true)"},
           {"max_reruns", Integer(0, 100), "reruns before a copy is given up (default 3)"},
           {"max_requests", Integer(1, 100), "requests for a rerun before giving up (default 3)"},
           {"repeat_after", MapOf(PrecedenceShape(), DurationShape()),
            "an unanswered request is repeated this long after it was sent, by the precedence of "
            "what it "
            "asks for (1m to 7d; default IMMEDIATE 2h, PRIORITY 8h, ROUTINE 16h; FLASH as "
            "IMMEDIATE)"},
           {"check_precedence", PrecedenceShape(),
            "of the no-traffic check's service message (default PRIORITY)"},
           {"open_precedence", AnyOf({Enum({"traffic"}), PrecedenceShape()}),
            "of a request for numbers found open (default IMMEDIATE; traffic: the traffic's own)"},
           {"garble_precedence", AnyOf({Enum({"traffic"}), PrecedenceShape()}),
            "of a request for a garbled transmission (default traffic: the traffic's own)"},
           {"third_request", Enum({"major_relay", "calling_station"}),
            "where the third request for a rerun goes: the major relay serving the calling "
            "station, which asks it (default, ACP 127 §419f), or the calling station"}},
          {}};
}

}  // namespace

std::vector<schema::Definition> ScenarioSchemaDefinitions() {
  return {TopDef(),        TrafficDef(),      CableDef(), MessageDef(),  GeneratorDef(),
          AddresseesDef(), DistributionDef(), FaultDef(), MinimizeDef(), ProcedureDef()};
}

std::string ScenarioSchemaJson() {
  std::vector<schema::Definition> all = ScenarioSchemaDefinitions();
  for (schema::Definition& d : NetworkSchemaDefinitions()) all.push_back(std::move(d));
  std::ostringstream out;
  schema::Write(out, "cablesim scenario file", all);
  return out.str();
}

}  // namespace cablesim
