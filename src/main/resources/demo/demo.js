// cql-hooks EHR-view demo: picks a patient from the embedded FHIR server (/fhir), shows a short chart, and calls
// every patient-view CDS service over HTTP as an EHR would (fhirServer = /fhir, no prefetch unless the toggle is on).
// Record text is always set as text; only the server-rendered (escaped, sanitised) card markdown is set as HTML.
'use strict';

const FHIR = new URL('/fhir', location.href).href;
const EVIDENCE = 'org.cqlhooks.evidence';
const CARD_TYPE = 'http://cqlhooks.org/fhir/CodeSystem/card-type';
const $ = (id) => document.getElementById(id);
let generation = 0; // a newer patient choice makes the answers of an older one stale

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (v !== undefined && v !== null) node.setAttribute(k, v);
  });
  children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(String(c))));
  return node;
}

async function json(url, options) {
  const response = await fetch(url, options);
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch (e) { body = text; }
  return { status: response.status, ok: response.ok, body };
}

/** Every entry of a FHIR search, following its next links. */
async function search(query) {
  let url = FHIR + '/' + query;
  const entries = [];
  for (let page = 0; url && page < 50; page++) {
    const answer = await json(url, { headers: { Accept: 'application/fhir+json' } });
    if (!answer.ok) throw new Error('FHIR ' + query + ' answered ' + answer.status);
    entries.push(...(answer.body.entry || []));
    const next = (answer.body.link || []).find((l) => l.relation === 'next');
    url = next ? next.url : null;
  }
  return entries;
}

const resources = (entries, type) => entries.map((e) => e.resource).filter((r) => r && r.resourceType === type);

function conceptText(concept) {
  if (!concept) return '';
  const coding = (concept.coding || [])[0] || {};
  return concept.text || coding.display || coding.code || '';
}

function humanName(patient) {
  const name = (patient.name || [])[0] || {};
  return name.text || [...(name.given || []), name.family].filter(Boolean).join(' ') || patient.id;
}

function effective(r) {
  return r.effectiveDateTime || r.effectiveInstant || (r.effectivePeriod || {}).start || r.issued || '';
}

function value(o) {
  if (o.valueQuantity) {
    const q = o.valueQuantity;
    return (q.comparator || '') + q.value + ' ' + (q.unit || q.code || '');
  }
  if (o.valueCodeableConcept) return conceptText(o.valueCodeableConcept);
  if (o.valueString !== undefined) return o.valueString;
  if (o.valueInteger !== undefined) return String(o.valueInteger);
  if (o.valueBoolean !== undefined) return String(o.valueBoolean);
  return (o.component || []).map((c) => conceptText(c.code) + ' ' + value(c)).join('; ');
}

function list(target, items) {
  target.replaceChildren(...(items.length ? items : [el('li', { class: 'none' }, 'none recorded')]));
}

async function loadPatients() {
  const picker = $('patient');
  const patients = resources(await search('Patient?_count=200'), 'Patient')
    .sort((a, b) => a.id.localeCompare(b.id));
  picker.replaceChildren(el('option', { value: '' }, '— choose a patient —'),
    ...patients.map((p) => el('option', { value: p.id }, humanName(p) + ' (' + p.id + ')')));
  return patients;
}

async function showChart(id) {
  const [patient] = resources(await search('Patient?_id=' + encodeURIComponent(id)), 'Patient');
  if (!patient) throw new Error('No patient ' + id + ' on ' + FHIR);
  $('patient-name').textContent = humanName(patient);
  $('patient-facts').textContent = [patient.gender, patient.birthDate && 'born ' + patient.birthDate, 'id ' + id]
    .filter(Boolean).join(' · ');
  const p = encodeURIComponent(id);
  const [conditions, requests, statements, observations] = await Promise.all([
    search('Condition?patient=' + p),
    search('MedicationRequest?patient=' + p + '&_include=MedicationRequest:medication'),
    search('MedicationStatement?patient=' + p + '&_include=MedicationStatement:medication'),
    search('Observation?patient=' + p)]);
  list($('conditions'), resources(conditions, 'Condition').map((c) => el('li', {},
    conceptText(c.code), ' ', el('span', { class: 'facts' },
      [conceptText(c.clinicalStatus), c.onsetDateTime && 'since ' + c.onsetDateTime.slice(0, 10)]
        .filter(Boolean).join(', ')))));
  const medications = {};
  [...resources(requests, 'Medication'), ...resources(statements, 'Medication')]
    .forEach((m) => { medications['Medication/' + m.id] = conceptText(m.code); });
  const medText = (r) => r.medicationCodeableConcept ? conceptText(r.medicationCodeableConcept)
    : medications[(r.medicationReference || {}).reference] || (r.medicationReference || {}).display || '';
  list($('medications'), [
    ...resources(requests, 'MedicationRequest').map((r) => el('li', {}, medText(r), ' ',
      el('span', { class: 'facts' }, 'order, ' + r.status + (r.authoredOn ? ', ' + r.authoredOn.slice(0, 10) : '')))),
    ...resources(statements, 'MedicationStatement').map((r) => el('li', {}, medText(r), ' ',
      el('span', { class: 'facts' }, 'statement, ' + r.status)))]);
  const recent = resources(observations, 'Observation')
    .sort((a, b) => effective(b).localeCompare(effective(a))).slice(0, 10);
  $('results').tBodies[0].replaceChildren(...(recent.length ? recent.map((o) => el('tr', {},
    el('td', {}, effective(o).slice(0, 10)), el('td', {}, conceptText(o.code)), el('td', {}, value(o))))
    : [el('tr', {}, el('td', { colspan: 3, class: 'none' }, 'none recorded'))]));
}

function uuid() {
  return crypto.randomUUID ? crypto.randomUUID() : '10000000-1000-4000-8000-100000000000'.replace(/[018]/g,
    (c) => (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16));
}

/** The prefetch an EHR would send: each template with the context filled in, answered from /fhir. */
async function prefetchFor(service, context) {
  const prefetch = {};
  for (const [key, template] of Object.entries(service.prefetch || {})) {
    const query = template.replace(/\{\{context\.(\w+)\}\}/g, (m, name) => encodeURIComponent(context[name] || ''));
    const entries = await search(query);
    prefetch[key] = { resourceType: 'Bundle', type: 'searchset', total: entries.length, entry: entries };
  }
  return prefetch;
}

async function renderMarkdown(texts) {
  if (!texts.length) return [];
  const answer = await json('/demo/markdown', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ markdown: texts }) });
  if (!answer.ok) throw new Error('markdown rendering answered ' + answer.status);
  return answer.body.html;
}

function cardId(card) {
  const topic = (card.source || {}).topic || {};
  return topic.system === CARD_TYPE && topic.code ? topic.code : (topic.code || '');
}

function safeUrl(url) {
  try {
    const u = new URL(url, location.href);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch (e) { return null; }
}

function linkTo(label, url) {
  const href = safeUrl(url);
  return href ? el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, label) : el('span', {}, label);
}

async function sendFeedback(serviceId, item, result) {
  const body = { feedback: [Object.assign({ outcomeTimestamp: new Date().toISOString() }, item)] };
  result.textContent = 'sending…';
  const answer = await json('/cds-services/' + encodeURIComponent(serviceId) + '/feedback', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  result.textContent = answer.ok ? item.outcome + ' – feedback sent (HTTP ' + answer.status + ')'
    : 'feedback refused (HTTP ' + answer.status + '): ' + diagnostics(answer.body);
  result.setAttribute('data-feedback-status', String(answer.status));
}

function diagnostics(body) {
  return body && body.issue && body.issue[0] ? body.issue[0].diagnostics || body.issue[0].code : JSON.stringify(body);
}

function cardElement(serviceId, card, detailHtml) {
  const indicator = card.indicator || 'info';
  const detail = el('div', { class: 'detail' });
  detail.innerHTML = detailHtml || ''; // escaped and sanitised by the server's commonmark renderer
  const source = card.source || {};
  const evidence = (card.extension || {})[EVIDENCE];
  const result = el('span', { class: 'feedback-result', 'data-feedback-result': '' });
  const actions = el('div', { class: 'actions' });
  (card.suggestions || []).forEach((s) => actions.append(el('span', {}, s.label), (() => {
    const accept = el('button', { type: 'button', 'data-feedback': 'accept' }, 'Accept');
    accept.addEventListener('click', () => sendFeedback(serviceId,
      { card: card.uuid, outcome: 'accepted', acceptedSuggestions: [{ id: s.uuid }] }, result));
    return accept;
  })()));
  let reasons = null;
  if ((card.overrideReasons || []).length) {
    reasons = el('select', { 'data-override-reasons': '' }, el('option', { value: '' }, 'override reason…'),
      ...card.overrideReasons.map((r, i) => el('option', { value: String(i) }, r.display || r.code)));
    actions.append(reasons);
  }
  const override = el('button', { type: 'button', 'data-feedback': 'override' }, 'Override');
  override.addEventListener('click', () => {
    const item = { card: card.uuid, outcome: 'overridden' };
    if (reasons && reasons.value !== '') item.overrideReason = { reason: card.overrideReasons[Number(reasons.value)] };
    sendFeedback(serviceId, item, result);
  });
  actions.append(override, result);
  return el('article', { class: 'card', 'data-card-id': cardId(card), 'data-indicator': indicator },
    el('div', { class: 'card-head' }, el('span', { class: 'badge' }, indicator),
      el('h3', { class: 'summary' }, card.summary || ''), el('span', { class: 'card-id' }, cardId(card))),
    detail,
    el('p', { class: 'meta' }, 'Source: ', linkTo(source.label || '', source.url),
      evidence ? ' · Evidence: ' + evidence : ''),
    (card.links || []).length ? el('ul', { class: 'links' }, card.links.map((l) => el('li', {},
      linkTo(l.label, l.url), l.type === 'smart' ? ' (SMART app: not launched by this demo)' : ''))) : '',
    actions);
}

async function callService(service, patientId, sendPrefetch, mine) {
  const section = el('section', { class: 'service', 'data-service-id': service.id, 'data-status': 'pending' },
    el('h2', {}, service.title || service.id, el('code', {}, service.id)));
  const cards = el('div', { class: 'cards' }, el('p', { class: 'call-status' }, 'calling…'));
  const request = el('pre', { 'data-request': '' });
  const response = el('pre', { 'data-response': '' });
  const responseTitle = el('h4', {}, 'Response');
  section.append(el('div', { class: 'service-body' }, cards, el('details', { class: 'exchange' },
    el('summary', {}, 'Request and response JSON'), el('h4', {}, 'POST /cds-services/' + service.id), request,
    responseTitle, response)));
  $('services').append(section);
  const context = { userId: 'Practitioner/demo', patientId };
  const body = { hook: 'patient-view', hookInstance: uuid(), fhirServer: FHIR, context };
  try {
    if (sendPrefetch) body.prefetch = await prefetchFor(service, context);
    request.textContent = JSON.stringify(body, null, 2);
    const answer = await json('/cds-services/' + encodeURIComponent(service.id), {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (mine !== generation) return;
    responseTitle.textContent = 'Response (HTTP ' + answer.status + ')';
    response.textContent = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body, null, 2);
    if (!answer.ok) {
      cards.replaceChildren(el('p', { class: 'call-error', 'data-call-error': '' },
        'HTTP ' + answer.status + ': ' + diagnostics(answer.body)));
      section.setAttribute('data-status', 'error');
      return;
    }
    const list = answer.body.cards || [];
    const html = await renderMarkdown(list.map((c) => c.detail || ''));
    cards.replaceChildren(...(list.length ? list.map((c, i) => cardElement(service.id, c, html[i]))
      : [el('p', { class: 'no-cards', 'data-no-cards': '' }, 'No cards for this patient.')]));
    section.setAttribute('data-status', 'done');
  } catch (e) {
    cards.replaceChildren(el('p', { class: 'call-error', 'data-call-error': '' }, String(e.message || e)));
    section.setAttribute('data-status', 'error');
  }
}

async function showPatient(id) {
  const mine = ++generation;
  const main = $('main');
  main.setAttribute('data-state', 'loading');
  main.setAttribute('data-patient', id);
  $('services').replaceChildren();
  $('page-error').hidden = true;
  const url = new URL(location.href);
  url.searchParams.set('patient', id);
  history.replaceState(null, '', url);
  try {
    await showChart(id);
    const discovery = await json('/cds-services');
    if (!discovery.ok) throw new Error('discovery answered HTTP ' + discovery.status + ': ' + diagnostics(discovery.body));
    const services = discovery.body.services.filter((s) => s.hook === 'patient-view');
    const sendPrefetch = $('send-prefetch').checked;
    await Promise.all(services.map((s) => callService(s, id, sendPrefetch, mine)));
  } catch (e) {
    $('page-error').textContent = String(e.message || e);
    $('page-error').hidden = false;
  }
  if (mine === generation) main.setAttribute('data-state', 'ready');
}

async function start() {
  try {
    const patients = await loadPatients();
    const wanted = new URL(location.href).searchParams.get('patient');
    $('patient').addEventListener('change', (e) => { if (e.target.value) showPatient(e.target.value); });
    $('send-prefetch').addEventListener('change', () => { if ($('patient').value) showPatient($('patient').value); });
    if (wanted) {
      if (!patients.some((p) => p.id === wanted)) throw new Error('No patient ' + wanted + ' on ' + FHIR);
      $('patient').value = wanted;
      await showPatient(wanted);
    }
  } catch (e) {
    $('page-error').textContent = String(e.message || e);
    $('page-error').hidden = false;
    $('main').setAttribute('data-state', 'ready');
  }
}

start();
