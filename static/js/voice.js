// The voice table: this module alone owns the page's microphone, camera and every
// RTCPeerConnection. Everyone in voice is connected to everyone else (a full mesh): of two, the
// one who joined later calls; offers that cross later on are settled by "perfect negotiation"
// (the participant whose id sorts lower is polite). Each join has its own `session` number in
// the snapshot: when either side of a connection joined anew (a reload, a lost connection), the
// connection is made afresh; a path that breaks while both stay is restarted (ICE restart).
// The snapshot says who is in voice and who is muted; offers, answers and candidates travel as
// `voice_signal` events that the server relays to one participant of the same room. Nothing is
// recorded: sound and video go from browser to browser (or through the deployment's own TURN).
//
// mountVoice(root, {...}) finds its elements inside `root` (the voice_panel macro) and binds
// nothing before it is called; update(snapshot) draws the panel and keeps the connections in step.
import { nameOf } from "./changes.js";
import { t } from "./strings.js";
import { HALL, renderPeople, showSpeaking, voiceOf, voiceParticipants } from "./voice_people.js";

const AUDIO_BITRATE = 32_000; // bits/s per peer: speech with Opus stays clear at this rate
const VIDEO_BITRATE = 150_000;
const MICROPHONE = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
const CAMERA = { width: { max: 320, ideal: 320 }, height: { max: 240, ideal: 240 }, frameRate: { max: 15, ideal: 15 } };
const SPEAKING_LEVEL = 0.02; // getStats audioLevel (0..1) above which someone is speaking
const STATS_EVERY_MS = 400;
const RESTART_AFTER_MS = 3000; // an ICE path "disconnected" this long is restarted
const CONNECT_WAIT_MS = 8000; // not connected this long after an offer or answer: try again

/**
 * @typedef {{ok: boolean, [key: string]: any}} Ack
 * @typedef {(event: string, payload?: object) => Promise<Ack>} Ask
 * @typedef {{
 *   id: string, polite: boolean, pc: RTCPeerConnection, makingOffer: boolean,
 *   ignoreOffer: boolean, pending: RTCIceCandidateInit[], fingerprint: string | null,
 *   mine: number | undefined, theirs: number | null | undefined, attached: boolean,
 *   audio: HTMLAudioElement, video: HTMLVideoElement, timer: number | null,
 *   level: number, restoring?: boolean,
 * }} Peer
 * @typedef {{
 *   version: number, iceServers: RTCIceServer[], policy: RTCIceTransportPolicy,
 *   microphone: MediaStream | null, camera: MediaStream | null, muted: boolean,
 * }} Session
 */

/** Whether this browser can take part at all (WebRTC and a way to ask for the microphone). */
function voiceSupported() {
  return typeof RTCPeerConnection === "function" && Boolean(navigator.mediaDevices?.getUserMedia);
}

/** Whether the room talks through Kletsborden: everyone at home, or some at home (mixed). */
function voiceOpen(snapshot) {
  return ["online", "mixed"].includes(snapshot.settings.play_mode);
}

/** The DTLS fingerprint of an SDP: a new page (a reload) has a new one, an ICE restart not. */
function fingerprintOf(sdp) {
  return /^a=fingerprint:(.+)$/m.exec(sdp || "")?.[1].trim() || null;
}

/**
 * Mount the voice panel in `root`.
 * @param {HTMLElement} root
 * @param {{ask: Ask, announce: (text: string) => void, showError: (text: string) => void,
 *          hall?: boolean, names?: Map<string, string>}} options
 */
export function mountVoice(root, { ask, announce, showError, hall = false, names = new Map() }) {
  /** @type {(name: string) => any} */
  const part = (name) => root.querySelector(`[data-voice="${name}"]`);
  /** @type {Map<string, Peer>} */
  const peers = new Map();
  /** @type {Session | null} */
  let session = null;
  let snapshot = null;
  let me = null; // this page's participant id (seat id, or "hall")
  let busy = false; // joining or leaving: the snapshot does not start or end voice meanwhile
  let autoJoined = false; // a reload rejoins voice once by itself
  let hideVideo = false;
  let statsTimer = 0;
  let reconnectingSaid = false;
  let early = []; // signals that came while our own voice_join was on its way

  // --- joining and leaving ----------------------------------------------------------------

  /** Ask for the microphone (listen-only when refused or missing), then enter voice. */
  async function join({ auto = false } = {}) {
    if (session || busy) return;
    if (!voiceSupported()) {
      showError(t("ui.voice.unsupported"));
      return;
    }
    busy = true;
    let microphone = null;
    try {
      microphone = await navigator.mediaDevices.getUserMedia({ audio: MICROPHONE });
    } catch (error) {
      announceAndShow(t("ui.voice.no_microphone"));
    }
    const ack = await ask("voice_join", {});
    busy = false;
    if (!ack.ok) {
      early = [];
      stopStream(microphone);
      showError(ack.error?.message || t("ui.error.generic"));
      render();
      return;
    }
    session = {
      version: ack.version,
      iceServers: ack.ice_servers || [],
      policy: ack.ice_transport_policy === "relay" ? "relay" : "all",
      microphone,
      camera: null,
      muted: Boolean(voiceOf(snapshot, ack.me)?.muted),
    };
    me = ack.me;
    applyMute();
    part("note").hidden = Boolean(microphone);
    if (!auto) announce(t(microphone ? "ui.voice.you_joined" : "ui.voice.you_listen"));
    statsTimer = window.setInterval(readLevels, STATS_EVERY_MS);
    reconcile();
    for (const waiting of early.splice(0)) signal(waiting);
    render();
  }

  /** Out of voice: every connection closed, microphone and camera released. */
  async function leave() {
    if (!session || busy) return;
    busy = true;
    const ack = await ask("voice_leave", {});
    busy = false;
    if (!ack.ok) {
      showError(ack.error?.message || t("ui.error.generic"));
      return;
    }
    end();
    announce(t("ui.voice.you_left"));
    part("join")?.focus();
  }

  /** Close everything locally (after leaving, a kick, the end of the game or "together"). */
  function end() {
    for (const id of [...peers.keys()]) closePeer(id);
    if (session) {
      stopStream(session.microphone);
      stopStream(session.camera);
    }
    session = null;
    window.clearInterval(statsTimer);
    part("asked").hidden = true;
    part("note").hidden = true;
    render();
  }

  /** The socket came back (and the seat is ours again): enter voice again, with fresh TURN
   *  credentials; the new session makes every connection afresh (see `reconcile`). */
  async function reconnected() {
    if (!session || busy) return;
    busy = true;
    const ack = await ask("voice_join", { camera: Boolean(session.camera) });
    busy = false;
    if (!ack.ok) {
      end();
      showError(ack.error?.message || t("ui.error.generic"));
      return;
    }
    session.iceServers = ack.ice_servers || [];
    session.version = ack.version;
    reconcile();
    render();
  }

  // --- microphone and camera --------------------------------------------------------------

  /** Muting stops the sound itself (the track sends silence), not only the flag others see. */
  function applyMute() {
    for (const track of session?.microphone?.getAudioTracks() || []) track.enabled = !session.muted;
  }

  async function toggleMute() {
    if (!session) return;
    const muted = !session.muted;
    if (muted) {
      session.muted = true; // silent at once; the room hears of it with the ack
      applyMute();
    }
    const ack = await ask("voice_mute", { muted });
    if (!ack.ok) {
      showError(ack.error?.message || t("ui.error.generic"));
    } else if (session) {
      session.muted = muted;
      session.version = Math.max(session.version, ack.version || 0);
      applyMute();
      part("asked").hidden = true;
      announce(t(muted ? "ui.voice.mic_off_state" : "ui.voice.mic_on_state"));
    }
    render();
  }

  async function toggleCamera() {
    if (!session) return;
    const on = !session.camera;
    let camera = null;
    if (on) {
      try {
        camera = await navigator.mediaDevices.getUserMedia({ video: CAMERA });
      } catch (error) {
        announceAndShow(t("ui.voice.camera_refused"));
        return;
      }
    }
    const ack = await ask("voice_camera", { on });
    if (!ack.ok || !session) {
      stopStream(camera);
      if (!ack.ok) showError(ack.error?.message || t("ui.error.generic"));
      return;
    }
    stopStream(session.camera);
    session.camera = camera;
    for (const peer of peers.values()) if (peer.attached) sendCamera(peer);
    render();
  }

  /** Put the camera's track on the peer's video sender (or take it off). */
  function sendCamera(peer) {
    const track = session?.camera?.getVideoTracks()[0] || null;
    const transceiver = peer.pc.getTransceivers().find((each) => each.receiver.track.kind === "video" && !each.stopped);
    if (!transceiver && track) {
      peer.pc.addTrack(track, session.camera);
    } else if (transceiver) {
      transceiver.sender.replaceTrack(track).catch(() => {}); // a connection closing meanwhile
      const direction = track ? (hideVideo ? "sendonly" : "sendrecv") : hideVideo ? "inactive" : "recvonly";
      if (transceiver.direction !== direction) transceiver.direction = direction;
    }
  }

  /** "Hide all video": incoming video is stopped (not only hidden), which saves the data. */
  function setHideVideo(hide) {
    hideVideo = hide;
    for (const peer of peers.values()) if (peer.attached) sendCamera(peer);
    render();
  }

  function stopStream(stream) {
    for (const track of stream?.getTracks() || []) track.stop();
  }

  // --- the connections --------------------------------------------------------------------

  /** Make or close connections so that there is one to each participant but me, made since
   *  both of us last joined. */
  function reconcile() {
    if (!session || !snapshot) return;
    const wanted = new Set(voiceParticipants(snapshot).filter((id) => id !== me));
    const mine = voiceOf(snapshot, me)?.session;
    for (const id of [...peers.keys()]) if (!wanted.has(id)) closePeer(id);
    for (const id of wanted) {
      const peer = peers.get(id);
      const theirs = voiceOf(snapshot, id).session;
      if (!peer) openPeer(id);
      else if (peer.theirs === null && peer.mine === mine) peer.theirs = theirs; // made by their offer
      else if (peer.mine !== mine || peer.theirs !== theirs) replacePeer(peer);
    }
  }

  /** A connection to `id`. Of two participants the one who joined later (the higher session)
   *  calls: it adds its media at once and offers; the other adds its media when the offer comes,
   *  so a first offer never crosses another (Chromium may then lose the candidates). Later
   *  offers (camera, ICE restarts) may cross: perfect negotiation settles those.
   *  @returns {Peer} */
  function openPeer(id, theirs = voiceOf(snapshot, id)?.session) {
    const pc = new RTCPeerConnection({ iceServers: session.iceServers, iceTransportPolicy: session.policy });
    const audio = document.createElement("audio");
    audio.autoplay = true;
    audio.dataset.peer = id;
    const video = document.createElement("video");
    video.autoplay = true;
    video.muted = true; // its sound plays through `audio`
    video.playsInline = true;
    const mine = voiceOf(snapshot, me)?.session;
    /** @type {Peer} */
    const peer = {
      id, polite: me < id, pc, makingOffer: false, ignoreOffer: false, pending: [],
      fingerprint: null, audio, video, timer: null, level: 0,
      mine, theirs, attached: false,
    };
    peers.set(id, peer);
    part("media").append(audio);

    pc.onnegotiationneeded = async () => {
      try {
        peer.makingOffer = true;
        await pc.setLocalDescription();
        send(id, { description: pc.localDescription.toJSON() });
        expect(peer, CONNECT_WAIT_MS);
      } catch (error) {
        /* a newer negotiation took over; it sends its own offer */
      } finally {
        peer.makingOffer = false;
      }
    };
    pc.onicecandidate = ({ candidate }) => {
      if (candidate && candidate.candidate) send(id, { candidate: candidate.toJSON() });
    };
    pc.ontrack = ({ track, streams }) => {
      const stream = streams[0] || new MediaStream([track]);
      const element = track.kind === "audio" ? audio : video;
      element.srcObject = stream;
      element.play().catch(() => {
        if (track.kind === "audio") part("play-sound").hidden = false; // the browser wants a tap
      });
      render();
    };
    pc.onsignalingstatechange = () => {
      if (pc.signalingState === "stable") capBitrates(pc);
    };
    pc.onconnectionstatechange = () => watchPath(peer);
    if (theirs != null && mine > theirs) attachMedia(peer);
    expect(peer, CONNECT_WAIT_MS); // the caller's offer may be lost: then we call
    return peer;
  }

  /** Put my microphone (and camera) on the connection; without a microphone still receive. */
  function attachMedia(peer) {
    if (peer.attached) return;
    peer.attached = true;
    const microphone = session.microphone?.getAudioTracks()[0];
    const hasAudio = peer.pc.getTransceivers().some((each) => each.receiver.track.kind === "audio");
    if (microphone) peer.pc.addTrack(microphone, session.microphone);
    else if (!hasAudio) peer.pc.addTransceiver("audio", { direction: "recvonly" });
    if (session.camera) sendCamera(peer);
  }

  function closePeer(id) {
    const peer = peers.get(id);
    if (!peer) return;
    peers.delete(id);
    window.clearTimeout(peer.timer);
    peer.pc.close();
    for (const element of [peer.audio, peer.video]) {
      element.srcObject = null;
      element.remove();
    }
  }

  /** A participant (or I) joined anew: start afresh with them. */
  function replacePeer(peer) {
    const wasUp = peer.restoring || peer.pc.connectionState === "connected";
    closePeer(peer.id);
    const fresh = openPeer(peer.id);
    fresh.restoring = wasUp;
    return fresh;
  }

  /** Unless the connection is up within `ms`, try again (see `restart`). */
  function expect(peer, ms) {
    window.clearTimeout(peer.timer);
    peer.timer = window.setTimeout(() => restart(peer), ms);
  }

  /** A broken path is restarted soon; the panel says so meanwhile. */
  function watchPath(peer) {
    const state = peer.pc.connectionState;
    if (state === "connected") window.clearTimeout(peer.timer);
    if (state === "disconnected" || state === "failed") expect(peer, RESTART_AFTER_MS);
    if (state === "connected") peer.restoring = false;
    if (state === "disconnected" || state === "failed") peer.restoring = true;
    render();
  }

  /** Not connected in time, or the path broke: call (if we waited for their call), or take
   *  back an offer nobody answered (it was lost on the way) and offer again with an ICE restart.
   *  Tried again while it stays so. */
  async function restart(peer) {
    const pc = peer.pc;
    const stuck = pc.signalingState === "have-local-offer";
    if (peers.get(peer.id) !== peer || (pc.connectionState === "connected" && !stuck)) return;
    expect(peer, CONNECT_WAIT_MS);
    if (!peer.attached) {
      attachMedia(peer); // its negotiation offers
      return;
    }
    if (stuck) await pc.setLocalDescription({ type: "rollback" }).catch(() => {});
    pc.restartIce();
  }

  async function capBitrates(pc) {
    for (const sender of pc.getSenders()) {
      if (!sender.track) continue;
      const parameters = sender.getParameters();
      if (!parameters.encodings?.length) continue;
      const cap = sender.track.kind === "audio" ? AUDIO_BITRATE : VIDEO_BITRATE;
      if (parameters.encodings.every((encoding) => encoding.maxBitrate === cap)) continue;
      for (const encoding of parameters.encodings) encoding.maxBitrate = cap;
      await sender.setParameters(parameters).catch(() => {});
    }
  }

  function send(to, signal) {
    ask("voice_signal", { to, ...signal }); // a refusal (the peer just left) needs no answer
  }

  /** A signal relayed from another participant: perfect negotiation, polite side yields. */
  async function signal({ from, description, candidate }) {
    if (!session) {
      if (busy) early.push({ from, description, candidate });
      return;
    }
    if (from === me) return;
    let peer = peers.get(from) || openPeer(from, null);
    if (description) {
      const isOffer = description.type === "offer";
      // An offer from a page we have not seen rejoin yet (a new DTLS certificate) gets a new
      // connection at once; its new session in the snapshot then changes nothing more.
      const fingerprint = fingerprintOf(description.sdp);
      if (isOffer && peer.fingerprint && fingerprint && fingerprint !== peer.fingerprint) {
        closePeer(from);
        peer = openPeer(from, null);
      }
      const pc = peer.pc;
      const collision = isOffer && (peer.makingOffer || pc.signalingState !== "stable");
      peer.ignoreOffer = !peer.polite && collision;
      if (peer.ignoreOffer) return;
      try {
        await pc.setRemoteDescription(description);
      } catch (error) {
        if (!isOffer) replacePeer(peer); // an answer from a page that was reloaded: start afresh
        return;
      }
      peer.fingerprint = fingerprint || peer.fingerprint;
      for (const waiting of peer.pending.splice(0)) await pc.addIceCandidate(waiting).catch(() => {});
      if (!isOffer) return;
      attachMedia(peer); // reuses the offer's transceivers: the answer carries my sound
      try {
        await pc.setLocalDescription();
      } catch (error) {
        return; // closed meanwhile (they left, or joined anew): nothing to answer
      }
      send(from, { description: pc.localDescription.toJSON() });
      expect(peer, CONNECT_WAIT_MS);
    } else if (candidate) {
      // Signals may overtake each other on the way: keep candidates until the offer is in.
      if (!peer.pc.remoteDescription) peer.pending.push(candidate);
      else await peer.pc.addIceCandidate(candidate).catch(() => {}); // an ignored offer's, or stale
    }
  }

  // --- who speaks -------------------------------------------------------------------------

  /** The level each participant is heard at (and mine as sent), from the connections' stats. */
  async function readLevels() {
    let mine = 0;
    for (const peer of peers.values()) {
      const report = await peer.pc.getStats().catch(() => null);
      report?.forEach((stats) => {
        if (stats.kind !== "audio") return;
        if (stats.type === "inbound-rtp") {
          peer.level = stats.audioLevel || 0;
        }
        if (stats.type === "media-source") mine = Math.max(mine, stats.audioLevel || 0);
      });
    }
    if (session?.muted) mine = 0;
    for (const item of part("people").children) {
      const id = item.dataset.peer;
      const level = id === me ? mine : peers.get(id)?.level || 0;
      showSpeaking(item, level > SPEAKING_LEVEL);
    }
  }

  // --- drawing ----------------------------------------------------------------------------

  function announceAndShow(text) {
    part("note").textContent = text;
    part("note").hidden = false;
    announce(text);
  }

  /** Draw the newest snapshot, and follow it: out of voice when the room took us out. */
  function update(next, myId = me) {
    const before = snapshot;
    snapshot = next;
    if (!session) me = hall ? HALL : myId;
    const open = voiceOpen(next);
    const inVoice = Boolean(voiceOf(next, me));
    if (session && !busy && next.version >= session.version) {
      if (!inVoice || !open || next.phase === "ended") {
        end();
        if (next.phase !== "ended") announce(t(open ? "ui.voice.removed" : "ui.voice.off"));
      } else {
        followAskedMute(next, before);
        reconcile();
      }
    } else if (!session && !busy && inVoice && open && !autoJoined && next.phase !== "ended") {
      autoJoined = true; // back after a reload: the room still has us in voice
      join({ auto: true });
    }
    render();
  }

  /** A host asked me to mute: the microphone goes silent here, and I am told why. */
  function followAskedMute(next, before) {
    const entry = voiceOf(next, me);
    if (!entry?.muted || session.muted) return;
    session.muted = true;
    applyMute();
    if (entry.asked_to_mute && !voiceOf(before, me)?.asked_to_mute) {
      const asked = next.changes.find((change) => change.type === "voice_mute_asked" && change.seat_id === me);
      const by = asked?.by ? nameOf(asked.by, names, me) : t("ui.voice.the_host");
      const text = t("ui.voice.asked_you", { name: by });
      part("asked").textContent = text;
      part("asked").hidden = false;
      announce(text);
    }
  }

  function render() {
    if (!snapshot) return;
    const mode = snapshot.settings.play_mode;
    root.hidden = !voiceOpen(snapshot) || snapshot.phase === "ended" || (hall && mode !== "mixed");
    if (root.hidden) return;
    part("out").hidden = Boolean(session);
    part("in").hidden = !session;
    part("join").disabled = busy;
    const mixedHint = part("mixed-hint");
    if (mixedHint) mixedHint.hidden = mode !== "mixed";
    if (session) renderControls();
    drawPeople();
    const restoring = Boolean(session) && voiceParticipants(snapshot).some((id) => id !== me && isRestoring(id));
    part("restoring").hidden = !restoring;
    if (restoring && !reconnectingSaid) announce(t("ui.voice.restoring"));
    reconnectingSaid = restoring;
  }

  /** Whether the conversation with `id` broke and is coming back: their seat lost its socket (a
   *  reload, a network), or the connection had been up and is not now (mine or theirs). */
  function isRestoring(id) {
    if (id === me) return false;
    if (snapshot.seats.find((seat) => seat.id === id)?.connected === false) return true;
    const peer = peers.get(id);
    return Boolean(peer?.restoring && peer.pc.connectionState !== "connected");
  }

  function renderControls() {
    const hasMicrophone = Boolean(session.microphone);
    const mute = part("mute");
    mute.hidden = !hasMicrophone;
    mute.textContent = t(session.muted ? "ui.voice.unmute" : "ui.voice.mute");
    part("state").textContent = !hasMicrophone
      ? t("ui.voice.listen_only")
      : t(session.muted ? "ui.voice.mic_off_state" : "ui.voice.mic_on_state");
    const camera = part("camera");
    if (camera) camera.textContent = t(session.camera ? "ui.voice.camera_off" : "ui.voice.camera_on");
  }

  function drawPeople() {
    const ids = voiceParticipants(snapshot);
    part("people-title").textContent = t("ui.voice.people", { count: ids.length, max: snapshot.voice_max || ids.length });
    part("nobody").hidden = ids.length > 0;
    const mySeat = snapshot.seats.find((each) => each.id === me);
    renderPeople(part("people"), snapshot, {
      me,
      myMuted: session ? session.muted : null,
      lead: !hall && (mySeat?.role === "host" || mySeat?.role === "cohost"),
      link: linkTo,
      video: videoOf,
      onAskMute: askMute,
    });
  }

  function linkTo(id) {
    if (id === me) return "self";
    if (!session) return "none";
    if (isRestoring(id)) return "restoring";
    return peers.get(id)?.pc.connectionState === "connected" ? "connected" : "connecting";
  }

  /** The video to show beside `id`: none while all video is hidden or their camera is off. */
  function videoOf(id) {
    if (hideVideo) return null;
    if (id === me) return session?.camera ? ownVideo() : null;
    return voiceOf(snapshot, id)?.camera ? peers.get(id)?.video || null : null;
  }

  let selfVideo = null;
  function ownVideo() {
    if (!selfVideo) {
      selfVideo = document.createElement("video");
      selfVideo.autoplay = true;
      selfVideo.muted = true;
      selfVideo.playsInline = true;
    }
    if (selfVideo.srcObject !== session.camera) selfVideo.srcObject = session.camera;
    return selfVideo;
  }

  async function askMute(id) {
    const ack = await ask("voice_ask_mute", { seat_id: id });
    if (!ack.ok) showError(ack.error?.message || t("ui.error.generic"));
  }

  // --- the controls -----------------------------------------------------------------------

  part("join").addEventListener("click", () => join());
  part("leave").addEventListener("click", leave);
  part("mute").addEventListener("click", toggleMute);
  part("camera")?.addEventListener("click", toggleCamera);
  part("hide-video")?.addEventListener("change", (event) => setHideVideo(event.target.checked));
  part("play-sound").addEventListener("click", () => {
    for (const peer of peers.values()) peer.audio.play().catch(() => {});
    part("play-sound").hidden = true;
  });
  window.addEventListener("pagehide", end);

  return {
    update,
    signal,
    reconnected,
    /** Out of voice at once (kicked, or this page lost its seat); the server knows already. */
    close: end,
  };
}
