#include "sim/live/live_run.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "base/did_you_mean.h"
#include "sim/message/acp127_formatter.h"
#include "sim/message/acp127_parser.h"
#include "sim/message/dtg.h"
#include "sim/report/json_writer.h"
#include "sim/report/outcome_words.h"
#include "sim/report/run_report.h"
#include "sim/stats/run_summary.h"
#include "sim/traffic/cable_traffic.h"

namespace cablesim {
namespace {

std::string Rejected(const std::string& why, int line) { return ErrorLine("rejected", why, line); }

// The line of `text` (counted from `first_line`) where `written` first appears at or after the
// FM line (TO, INFO and XMT follow it), or `first_line` when it cannot be found.
int LineWritten(const std::string& text, const std::string& written, int first_line) {
  std::size_t at = 0;
  if (text.rfind("FM ", 0) != 0) {
    const auto fm = text.find("\nFM ");
    at = fm == std::string::npos ? 0 : fm + 1;
  }
  const auto found = text.find(written, at);
  if (written.empty() || found == std::string::npos) return first_line;
  return first_line + static_cast<int>(std::count(
                          text.begin(), text.begin() + static_cast<std::ptrdiff_t>(found), '\n'));
}

// 1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, ..., 21st, ...
std::string Ordinal(std::size_t n) {
  const char* suffix = "th";
  if (n % 100 < 11 || n % 100 > 13) {
    if (n % 10 == 1) suffix = "st";
    if (n % 10 == 2) suffix = "nd";
    if (n % 10 == 3) suffix = "rd";
  }
  return std::to_string(n) + suffix;
}

std::string Suggestion(const std::string& word, const std::vector<std::string>& known) {
  const std::string guess = DidYouMean(word, known);
  return guess.empty() ? "" : " (did you mean " + guess + "?)";
}

// The line of `text` (counted from `first_line`) where the addressee after the first `n` of
// `m` (TO, then INFO) is written: each is looked for after the one before, so the search is
// linear in the text; `first_line` when one cannot be found.
int NthAddresseeLine(const Message& m, std::size_t n, const std::string& text, int first_line) {
  std::size_t at = text.rfind("FM ", 0) == 0 ? 0 : text.find("\nFM ");
  if (at == std::string::npos) return first_line;
  at = text.find('\n', at + 1);  // the addressees start on the line after FM
  if (at == std::string::npos) return first_line;
  const std::vector<const Addressee*> all = m.Recipients();
  for (std::size_t k = 0; k <= n && k < all.size(); ++k) {
    const std::string& address = all[k]->address;
    const auto found = address.empty() ? at : text.find(address, at);
    if (found == std::string::npos) return first_line;
    if (k == n) {
      return first_line +
             static_cast<int>(
                 std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(found), '\n'));
    }
    at = found + address.size();
  }
  return first_line;
}

// One warning, {"line","addressee","warning"}, for each of the first `max` addressees of
// `rec` that reach no station because the network does not know them: an RI no station
// serves, a name of no station, a collective it does not define. Each says which addressee,
// where it is written, and the closest RI or name the network has. `*more` counts the
// others. Linear in the addressees (and `max` times the text).
std::vector<std::string> UnknownAddresseeWarnings(const RelaySimulation& sim,
                                                  const MessageRecord& rec, const MessageSpec& spec,
                                                  const std::string& text, int first_line,
                                                  std::size_t max, std::size_t* more) {
  const Network& net = sim.network();
  std::vector<std::string> ris, names, collectives;
  std::unordered_map<std::string_view, const AddresseeSpec*> spec_of_name;  // the first
  std::vector<std::string> out;
  *more = 0;
  for (std::uint32_t k = 0; k < rec.addressee_count; ++k) {
    const AddresseeRecord& a = sim.addressees()[rec.first_addressee + k];
    if (a.outcome != Outcome::kUndeliverable ||
        (a.reason != Undeliverable::kUnservedRi && a.reason != Undeliverable::kUnknownAddress &&
         a.reason != Undeliverable::kUnknownCollective)) {
      continue;
    }
    if (out.size() >= max) {
      ++*more;
      continue;
    }
    if (ris.empty()) {  // the network's RIs and names, once per cable that needs them
      for (StationId s = 0; s < net.station_count(); ++s) {
        ris.push_back(net.station(s).ri);
        names.push_back(net.station(s).name);
      }
      for (const Collective& c : net.collectives()) {
        collectives.push_back(c.name);
        if (c.ri) ris.push_back(*c.ri);
      }
    }
    if (spec_of_name.empty()) {  // once per cable that needs it
      for (const AddresseeSpec& x : spec.addressees) {
        if (!x.zen) spec_of_name.emplace(x.address.empty() ? x.ri : x.address, &x);
      }
    }
    const std::string& shown = sim.name(a.address);
    const auto spec_of = spec_of_name.find(shown);
    const std::string ri = spec_of == spec_of_name.end() ? "" : spec_of->second->ri;
    std::string why;
    if (a.reason == Undeliverable::kUnservedRi) {
      why = "no station serves routing indicator " + ri + " (nor a prefix of it)" +
            Suggestion(ri, ris);
    } else if (a.reason == Undeliverable::kUnknownCollective) {
      why = "the network defines no collective '" + shown + "'" + Suggestion(shown, collectives);
    } else {
      std::vector<std::string> known = names;
      known.insert(known.end(), ris.begin(), ris.end());
      why = "no routing indicator, and no station is named '" + shown + "'" +
            Suggestion(shown, known);
    }
    const std::string written = ri.empty() || shown == ri ? shown : ri + "/" + shown;
    JsonWriter w;
    w.BeginObject()
        .Key("line")
        .Int(LineWritten(text, ri.empty() ? shown : ri + "/", first_line))
        .Key("addressee")
        .String(written)
        .Key("warning")
        .String(why + ": undeliverable, the other addressees go on")
        .EndObject();
    out.push_back(w.str());
  }
  return out;
}

}  // namespace

SimTime LivePacer::Target(Clock::time_point wall) const {
  if (paused_) return sim_base_;
  if (max_speed_) return SimTime::Max();
  const double elapsed = std::chrono::duration<double>(wall - wall_base_).count();
  const double ahead = std::max(elapsed, 0.0) * speed_;  // simulated seconds since Start
  const double room = (kHorizon - sim_base_).seconds();
  if (!(ahead < room)) return kHorizon;  // also catches inf and NaN
  return std::min(kHorizon, sim_base_ + Duration::FromSecondsRounded(ahead));
}

LiveRun::LiveRun(const Scenario& scenario, LiveLimits limits)
    : scenario_(scenario), limits_(limits) {
  // The scenario's generators stop at its end, or at the horizon a live run never passes (an
  // arrival drawn beyond it only ends its generator); clients file for as long as the run
  // goes on.
  sim_ = Instantiate(scenario_, scenario_.seed, std::nullopt,
                     ArrivalsEnd(scenario_).value_or(LivePacer::kHorizon));
  sim_->set_listener(this);
}

LiveRun::~LiveRun() { sim_->set_listener(nullptr); }

ClientId LiveRun::Connect(LiveClient* sink, std::string who) {
  const ClientId id = next_client_++;
  clients_[id].sink = sink;
  clients_[id].who = std::move(who);
  return id;
}

FilingRoom LiveRun::RoomFor(ClientId client) const {
  if (!accepting_ || client_messages_.size() >= limits_.cables_accepted) {
    return FilingRoom::kClosed;
  }
  auto it = clients_.find(client);
  if (it != clients_.end() && it->second.in_flight >= limits_.cables_in_flight_per_client) {
    return FilingRoom::kClientFull;
  }
  return in_flight_ >= limits_.cables_in_flight ? FilingRoom::kAllFull : FilingRoom::kOpen;
}

void LiveRun::Disconnect(ClientId client) {
  clients_.erase(client);
  std::erase(subscribers_, client);
}

bool LiveRun::StationExists(const std::string& ri) const {
  return sim_->network().FindStation(ri).has_value();
}

void LiveRun::Subscribe(ClientId client) {
  auto it = clients_.find(client);
  if (it == clients_.end() || it->second.subscribed) return;
  it->second.subscribed = true;
  subscribers_.push_back(client);
}

std::size_t LiveRun::CablesInFlight(ClientId client) const {
  auto it = clients_.find(client);
  return it == clients_.end() ? 0 : it->second.in_flight;
}

std::vector<std::string> LiveRun::File(ClientId client, const std::string& text, int first_line,
                                       const std::string& file_at) {
  auto from = clients_.find(client);
  if (from == clients_.end()) return {Rejected("unknown client", first_line)};
  switch (RoomFor(client)) {
    case FilingRoom::kOpen:
      break;
    case FilingRoom::kClosed:
      if (!accepting_) return {Rejected("the gateway is stopping", first_line)};
      return {Rejected("the run has accepted its limit of " +
                           std::to_string(limits_.cables_accepted) + " cables from clients",
                       first_line)};
    case FilingRoom::kClientFull:
      return {Rejected("too many cables in flight from " + from->second.who + " (" +
                           std::to_string(limits_.cables_in_flight_per_client) +
                           "); wait for their deliveries",
                       first_line)};
    case FilingRoom::kAllFull:
      return {Rejected("too many cables in flight from all clients (" +
                           std::to_string(limits_.cables_in_flight) + "); try again later",
                       first_line)};
  }
  auto pm = ParseOneAcp127(text);
  if (!pm.ok()) {
    const Diagnostic& d = pm.errors.front();
    return {Rejected(d.message, first_line + d.line - 1)};
  }
  const Message& m = pm.message;
  if (const std::size_t n = m.to.size() + m.info.size(); n > limits_.addressees_per_cable) {
    return {Rejected("the message has " + std::to_string(n) +
                         " addressees (TO and INFO); a cable may have at most " +
                         std::to_string(limits_.addressees_per_cable) + ", and the " +
                         Ordinal(limits_.addressees_per_cable + 1) + " is here",
                     NthAddresseeLine(m, limits_.addressees_per_cable, text, first_line))};
  }
  if (client_addressees_ >= limits_.addressees_accepted) {
    return {Rejected("the run has accepted its limit of " +
                         std::to_string(limits_.addressees_accepted) +
                         " addressees from clients (a collective counted by its members; every "
                         "record is kept for the final report)",
                     first_line)};
  }
  MessageSpec spec;
  spec.origin_ri = !file_at.empty() ? file_at : m.station_ri;
  if (spec.origin_ri.empty()) {
    return {
        Rejected("the message has no DE line (FL3): say where it is filed with a line "
                 "'FILE AT RI' before it",
                 first_line)};
  }
  if (!StationExists(spec.origin_ri)) {
    return {Rejected("station " + spec.origin_ri +
                         " is not in the network (send 'FILE AT RI' before the message)",
                     first_line)};
  }
  spec.id = CableId(m, "client-" + std::to_string(client_messages_.size() + 1));
  spec.filed = sim_->now();
  AddresseesFromMessage(m, &spec);
  spec.classification = CableClassification(m, scenario_.efto);
  spec.chars = static_cast<std::int64_t>(WireChars(m));
  spec.cable = std::make_shared<const Message>(m);
  const std::uint32_t id = sim_->AddMessage(spec);
  client_messages_.push_back(id);
  owner_[id] = client;
  const MessageRecord& rec = sim_->messages()[id];
  // Counted as made (each way to a station: a collective's members one by one), after: the
  // last cable accepted may pass the limit by its own records, at most.
  client_addressees_ += rec.records.addressees + rec.records.also;
  if (rec.in_flight > 0) {
    ++from->second.in_flight;
    ++in_flight_;
  }
  JsonWriter w;
  w.BeginObject()
      .Key("event")
      .String("accepted")
      .Key("message")
      .String(rec.id)
      .Key("addressees")
      .Uint(rec.addressee_count)
      .Key("filed")
      .String(UtcTime(scenario_, rec.filed));
  std::size_t more_warnings = 0;
  const std::vector<std::string> warnings = UnknownAddresseeWarnings(
      *sim_, rec, spec, text, first_line, limits_.warnings_per_cable, &more_warnings);
  if (!warnings.empty()) {
    w.Key("warnings").BeginArray();
    for (const std::string& x : warnings) w.Raw(x);
    w.EndArray();
  }
  if (more_warnings > 0) w.Key("more_warnings").Uint(more_warnings);
  w.EndObject();
  std::vector<std::string> lines{w.str()};
  // Addressees already final are told at once, after the acceptance.
  for (std::uint32_t k = 0; k < rec.addressee_count; ++k) {
    const AddresseeRecord& a = sim_->addressees()[rec.first_addressee + k];
    if (a.outcome != Outcome::kUndeliverable && a.outcome != Outcome::kOtherMeans) continue;
    JsonWriter u;
    u.BeginObject()
        .Key("event")
        .String(a.outcome == Outcome::kUndeliverable ? "undeliverable" : "other_means")
        .Key("message")
        .String(rec.id)
        .Key("addressee")
        .String(sim_->name(a.address));
    if (a.outcome == Outcome::kUndeliverable) u.Key("reason").String(UndeliverableReason(a.reason));
    u.EndObject();
    lines.push_back(u.str());
    for (const ClientId s : subscribers_) {
      if (s != client) clients_[s].sink->Send(u.str());
    }
  }
  return lines;
}

std::string LiveRun::Stats() {
  if (last_stats_ && last_stats_->now == sim_->now() && last_stats_->events == sim_->events() &&
      last_stats_->messages == sim_->messages().size() && last_stats_->closed == closed_) {
    return last_stats_->text;
  }
  last_stats_ =
      StatsReply{sim_->now(), sim_->events(), sim_->messages().size(), closed_, ComputeStats()};
  ++stats_computed_;
  return last_stats_->text;
}

std::string LiveRun::ComputeStats() const {
  JsonWriter w;
  SummaryOptions o;
  o.lists = false;  // the latency figures and conservation: all STATS says
  const RunSummary r = SummarizeRun(*sim_, scenario_, o);
  w.BeginObject().Key("event").String("stats");
  w.Key("time").String(UtcTime(scenario_, sim_->now()));
  w.Key("messages").Uint(sim_->messages().size());
  w.Key("by_precedence").BeginObject();
  for (Precedence p : kReportOrder) {
    const auto& x = r.by_precedence[static_cast<std::size_t>(p)];
    if (!x.addressed) continue;
    w.Key(PrecedenceName(p)).BeginObject();
    WriteSummaryKeys(x, scenario_.objectives[static_cast<std::size_t>(p)], &w);
    w.EndObject();
  }
  w.EndObject();
  w.Key("conservation").BeginObject();
  WriteConservationKeys(r.conservation, &w);
  w.EndObject();
  w.EndObject();
  return w.str();
}

void LiveRun::Broadcast(std::uint32_t message, const std::string& line) {
  ClientId owner = 0;
  if (auto it = owner_.find(message); it != owner_.end()) {
    owner = it->second;
    if (auto c = clients_.find(owner); c != clients_.end()) c->second.sink->Send(line);
  }
  for (const ClientId s : subscribers_) {
    if (s != owner) clients_[s].sink->Send(line);
  }
}

void LiveRun::OnOutcome(const MessageRecord& m, const AddresseeRecord& a, bool at_acceptance) {
  if (at_acceptance) return;
  if (a.outcome == Outcome::kDelivered) {
    OnDelivered(m, a);
  } else {
    OnRefused(a);
  }
}

void LiveRun::OnDelivered(const MessageRecord& m, const AddresseeRecord& a) {
  const Dtg dtg =
      DtgFromUnixSeconds(scenario_.start_unix + a.delivered.ns() / Duration::kNsPerSecond);
  JsonWriter w;
  w.BeginObject()
      .Key("event")
      .String("delivered")
      .Key("message")
      .String(m.id)
      .Key("addressee")
      .String(sim_->name(a.address))
      .Key("ri")
      .String(sim_->network().station(a.station).ri)
      .Key("precedence")
      .String(PrecedenceName(a.precedence))
      .Key("latency_s")
      .Double((a.delivered - m.filed).seconds())
      .Key("dtg")
      .String(FormatDtg(dtg))
      .Key("time")
      .String(UtcTime(scenario_, a.delivered));
  if (a.way_count > 1) w.Key("also_via").String(AlsoVia(*sim_, a));
  w.EndObject();
  Broadcast(a.message, w.str());
  MaybeSettled(a.message);
}

void LiveRun::OnRefused(const AddresseeRecord& a) {
  JsonWriter w;
  w.BeginObject()
      .Key("event")
      .String(a.outcome == Outcome::kUndeliverable ? "undeliverable" : "other_means")
      .Key("message")
      .String(sim_->messages()[a.message].id)
      .Key("addressee")
      .String(sim_->name(a.address))
      .Key("reason")
      .String(UndeliverableReason(a.reason))
      .Key("time")
      .String(UtcTime(scenario_, sim_->now()))
      .EndObject();
  Broadcast(a.message, w.str());
  MaybeSettled(a.message);
}

void LiveRun::MaybeSettled(std::uint32_t message) {
  if (sim_->messages()[message].in_flight > 0) return;
  // The message is done: its client may be settled.
  auto it = owner_.find(message);
  if (it == owner_.end()) return;
  --in_flight_;
  auto c = clients_.find(it->second);
  if (c == clients_.end()) return;
  if (--c->second.in_flight == 0) c->second.sink->Settled();
}

void LiveRun::OnTransmitted(const CopyRecord& c) {
  const Network& net = sim_->network();
  JsonWriter w;
  w.BeginObject()
      .Key("event")
      .String("relayed")
      .Key("message")
      .String(sim_->messages()[c.message].id)
      .Key("from")
      .String(net.station(c.from).ri)
      .Key("to")
      .String(net.station(net.ChannelTo(c.channel)).ri)
      .Key("precedence")
      .String(PrecedenceName(c.precedence))
      .Key("start")
      .String(UtcTime(scenario_, c.tx_start))
      .Key("end")
      .String(UtcTime(scenario_, c.tx_end))
      .EndObject();
  Broadcast(c.message, w.str());
}

bool LiveRun::Advance(SimTime until, std::uint64_t max_events) {
  bool empty = sim_->AdvanceSome(until, max_events);
  if (sim_->now() >= until) empty = true;  // caught up with the target
  return empty;
}

bool LiveRun::FinishClientCables(std::uint64_t max_events, SimTime until) {
  if (in_flight_ == 0 || sim_->now() >= until) return true;
  return sim_->AdvanceSome(until, max_events) || in_flight_ == 0 || sim_->now() >= until;
}

void LiveRun::Close() {
  if (closed_) return;
  closed_ = true;
  sim_->Finish();
}

std::string LiveRun::FinalReport() const {
  SummaryOptions o;
  o.seed = scenario_.seed;
  o.discipline = scenario_.options.discipline;
  std::string out = RunReportText(*sim_, scenario_, SummarizeRun(*sim_, scenario_, o));
  const Conservation c = sim_->CountOf(client_messages_);
  out += "live: messages accepted from clients: " + std::to_string(client_messages_.size()) + "; " +
         ConservationText(c) + "\n";
  return out;
}

}  // namespace cablesim
