#include "topology/network_schema.h"

#include <sstream>

#include "topology/classification.h"
#include "topology/network_keys.h"

namespace cablesim {
namespace {

using namespace schema;  // NOLINT: the shape helpers read as a table

std::string RiShape() { return Pattern("^[A-Z]{4,7}$"); }
std::string ClearanceShape() { return Enum(ClassificationNames()); }
std::string FramingShape() { return Enum({"ita2", "async-ascii", "sync-ascii"}); }
std::string ProcessingShape() { return AnyOf({DurationShape(), Ref("processing")}); }
std::string OperatorsShape() {
  return AnyOf({Integer(0, 1'000'000), ListOf(Ref("shift"), 1), Ref("operators")});
}

Definition TopDef() {
  return {"network",
          "A network: stations, the links between them, collectives and static routes",
          &network_keys::kTopKeys,
          {{"defaults", Ref("defaults"), "apply to stations and links that do not say otherwise"},
           {"stations", ListOf(Ref("station"), 1), "required, at least one"},
           {"links", ListOf(Ref("link")), "full duplex: one transmitter and queue per direction"},
           {"collectives", ListOf(Ref("collective")), "collectives and address indicator groups"},
           {"routes", ListOf(Ref("route")), "static routes override the computed tables"}},
          {"stations"}};
}

Definition DefaultsDef() {
  return {
      "defaults",
      "Defaults of stations and links",
      &network_keys::kDefaultKeys,
      {{"processing", ProcessingShape(),
        "in-station handling time per message copy (default 2m), or {exponential: 2m}"},
       {"operators", OperatorsShape(), "copies a station handles at once; 0 = no limit (default)"},
       {"rate", RateShape(), "line rate: 75bd, 2400bps (default), 9.6kbps, 56kbps, 1.544mbps"},
       {"framing", FramingShape(),
        "ita2 (7.42 units/char), async-ascii (10 bits, default), sync-ascii (8 bits)"},
       {"propagation", DurationShape(), "one-way delay of a link (default 250ms)"}},
      {}};
}

Definition StationDef() {
  return {"station",
          "A station",
          &network_keys::kStationKeys,
          {{"ri", RiShape(), "required: routing indicator, 4-7 capital letters, unique"},
           {"name", Text(), "plain-language address (default: the RI)"},
           {"kind", Enum({"post", "relay", "switch", "switching-centre", "switching-center"}),
            "post | relay | switch (default post)"},
           {"region", Text(), "groups stations in pictures (default none)"},
           {"processing", ProcessingShape(),
            "default: defaults.processing; or {fixed: 1m, per_char: 20ms} (a torn-tape relay)"},
           {"operators", OperatorsShape(),
            "default: defaults.operators; or a daily schedule (UTC) [{from: \"00:00\", staff: 2}]"},
           {"clearance", ClearanceShape(),
            "the highest classification it may handle (default: no limit)"}},
          {"ri"}};
}

Definition LinkDef() {
  return {"link",
          "A full-duplex link between two stations",
          &network_keys::kLinkKeys,
          {{"between", ListOf(RiShape(), 2) + ", \"maxItems\": 2",
            "required: two different stations, one link per pair"},
           {"rate", RateShape(), "default: defaults.rate"},
           {"framing", FramingShape(), "default: defaults.framing"},
           {"propagation", DurationShape(), "default: defaults.propagation"},
           {"cost", PositiveUpTo(100000),
            "routing cost in seconds (default: time to send 1,000 characters plus propagation)"},
           {"clearance", ClearanceShape(),
            "the highest classification the circuit is approved for (default: no limit)"},
           {"loss", NumberIn(0, 0.5), "probability a transmission never arrives (0 to 0.5)"},
           {"garble", NumberIn(0, 0.001),
            "probability per character that it arrives garbled (0 to 0.001)"},
           {"procedure", Ref("link_procedure"),
            "what its receivers do about lost transmissions (default: the scenario's)"}},
          {"between"}};
}

Definition LinkProcedureDef() {
  return {"link_procedure",
          "A link's own procedure for lost transmissions, over the scenario's",
          &network_keys::kLinkProcedureKeys,
          {{"no_traffic_check", DurationShape(),
            "no traffic this long after the last transmission received: a service message "
            "(1m to 1d; default: the scenario's procedure.no_traffic_check)"}},
          {}};
}

Definition CollectiveDef() {
  return {
      "collective",
      "A collective or address indicator group",
      &network_keys::kCollectiveKeys,
      {{"name", Text(), "required, as written in TO/INFO lines"},
       {"ri", RiShape(), "optional collective RI"},
       {"members", TextOrList(),
        "required: station RIs, RIs a station serves, or other collectives (no cycles)"},
       {"expand_at", RiShape(), "the station that expands it (default: the originating station)"}},
      {"name", "members"}};
}

Definition RouteDef() {
  return {"route",
          "A static route: at this station, traffic to `to` goes via `via`",
          &network_keys::kRouteKeys,
          {{"at", RiShape(), "the station whose table it sets"},
           {"to", RiShape(), "the destination station"},
           {"via", RiShape(), "the neighbour to send by"}},
          {"at", "to", "via"}};
}

Definition ProcessingDef() {
  return {"processing",
          "Handling time drawn per copy: {fixed: 1m, per_char: 20ms} or {exponential: MEAN}",
          &network_keys::kProcessingKeys,
          {{"fixed", DurationShape(), "every copy takes this long (plus per_char)"},
           {"exponential", DurationShape(), "drawn per copy with this mean (positive)"},
           {"per_char", DurationShape(), "added per character of the copy (at most 10s)"}},
          {}};
}

Definition OperatorsDef() {
  return {"operators",
          "A daily schedule of operators with what happens at each change of shift",
          &network_keys::kOperatorsKeys,
          {{"shifts", ListOf(Ref("shift"), 1), "required: the schedule (UTC)"},
           {"handover", Enum({"finish", "overtime"}),
            "finish (default): copies in hand count against the incoming shift until done; "
            "overtime: the outgoing shift finishes them, the incoming one comes on whole"}},
          {"shifts"}};
}

Definition ShiftDef() {
  return {"shift",
          "One shift of a daily operator schedule (UTC), in increasing times",
          &network_keys::kShiftKeys,
          {{"from", Pattern("^(?:[01][0-9]|2[0-3]):[0-5][0-9]$"),
            "time of day it starts, \"HH:MM\" (UTC)"},
           {"staff", Integer(1, 1'000'000), "operators on duty, at least 1"}},
          {"from", "staff"}};
}

}  // namespace

std::vector<schema::Definition> NetworkSchemaDefinitions() {
  return {TopDef(),        DefaultsDef(), StationDef(),    LinkDef(),      LinkProcedureDef(),
          CollectiveDef(), RouteDef(),    ProcessingDef(), OperatorsDef(), ShiftDef()};
}

std::string NetworkSchemaJson() {
  std::ostringstream out;
  schema::Write(out, "cablesim network file", NetworkSchemaDefinitions());
  return out.str();
}

}  // namespace cablesim
