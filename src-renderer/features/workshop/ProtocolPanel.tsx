import { useRef, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Protocol } from '../../../shared/docs/workshop/protocol';
import { api } from '../../api/client';
import { useMessages } from '../../i18n/i18n';
import { Button } from '../../ui/Button';
import { ErrorNotice, Loading } from '../../ui/States';
import { hostMessage } from './actions';
import { messages } from './messages';
import styles from './workshop.module.css';
import { downloadFile, fromBase64 } from '../../ui/download';

/** A file name like `Protokoll-2026-03-12-Fokusgruppe-Wohnen.html`. */
export function protocolFileName(protocol: Pick<Protocol, 'date' | 'title'>): string {
  const slug = protocol.title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60);
  return `Protokoll-${protocol.date}-${slug || 'Sitzung'}.html`;
}

/** A standalone HTML file of the (possibly edited) protocol: no scripts, no outside resources. */
function htmlDocument(title: string, body: string, lang: string): string {
  const style =
    'body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1f24}' +
    'h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:1.5rem}h3{font-size:1.05rem}table{border-collapse:collapse}' +
    'td,th{border:1px solid #9aa3ae;padding:4px 8px;text-align:left}';
  const safeTitle = title.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);
  return `<!doctype html>\n<html lang="${lang}"><head><meta charset="utf-8"><title>${safeTitle}</title><style>${style}</style></head><body>${body}</body></html>\n`;
}

/**
 * The protocol of a closed session, made by the server from the session's public data. The
 * moderator can correct it in place before downloading it as an HTML file or printing it (the
 * browser's "Save as PDF"). Edits are not stored: the protocol can always be made again.
 */
export function ProtocolPanel({ sessionId, token }: { sessionId: string; token: string }): ReactNode {
  const { t, locale, date, number } = useMessages(messages);
  const query = useQuery({ queryKey: ['workshop', 'protocol', sessionId], queryFn: () => api.workshop.protocol({ sessionId, token }) });
  const ref = useRef<HTMLDivElement>(null);
  const protocol = query.data;
  const [pdf, setPdf] = useState<{ running: boolean; error: string | null }>({ running: false, error: null });
  const exportPdf = (title: string): void => {
    setPdf({ running: true, error: null });
    api.workshop
      .protocolPdf({ title, html: ref.current?.innerHTML ?? '' })
      .then((result) => {
        downloadFile(fromBase64(result.base64), result.fileName, result.mime);
        setPdf({ running: false, error: null });
      })
      .catch((e: unknown) => setPdf({ running: false, error: hostMessage(e, locale) }));
  };
  return (
    <section className={`card ${styles.panel}`} aria-labelledby="protocol-heading">
      <div className="section-header">
        <h2 id="protocol-heading">{t('workshop.protocol.title')}</h2>
        {protocol && (
          <div className={styles.buttonRow}>
            <Button variant="primary" disabled={pdf.running} onClick={() => exportPdf(protocol.title)}>
              {pdf.running ? t('workshop.protocol.pdfRunning') : t('workshop.protocol.pdf')}
            </Button>
            <Button onClick={() => downloadFile(htmlDocument(protocol.title, ref.current?.innerHTML ?? '', locale), protocolFileName(protocol), 'text/html;charset=utf-8')}>
              {t('workshop.protocol.download')}
            </Button>
            <Button onClick={() => window.print()}>{t('workshop.protocol.print')}</Button>
          </div>
        )}
      </div>
      {pdf.error && <ErrorNotice>{t('workshop.error', { message: pdf.error })}</ErrorNotice>}
      {protocol && <p className="muted small" id="protocol-hint">{t('workshop.protocol.editHint')}</p>}
      {query.error ? (
        <ErrorNotice>{t('workshop.error', { message: hostMessage(query.error, locale) })}</ErrorNotice>
      ) : !protocol ? (
        <Loading label={t('status.loading')} />
      ) : (
        <div
          ref={ref}
          className={styles.protocol}
          contentEditable
          suppressContentEditableWarning
          role="textbox"
          aria-multiline="true"
          aria-label={t('workshop.protocol.title')}
          aria-describedby="protocol-hint"
          data-testid="workshop-protocol"
        >
          <h1>{protocol.title}</h1>
          <p>
            {t('workshop.protocol.when', { date: date(protocol.date), place: protocol.place || '–' })} ·{' '}
            {t('workshop.protocol.attendance', { count: protocol.attendance.count })}
          </p>
          <h2>{t('workshop.prepare.agenda')}</h2>
          <ol>
            {protocol.agenda.map((entry, i) => (
              <li key={i}>
                {entry.title} ({t(`workshop.method.${entry.method}`)}, {t('workshop.minutes', { count: entry.minutes })})
              </li>
            ))}
          </ol>
          {protocol.items.map((entry, i) => (
            <div key={i}>
              <h2>
                {number(i + 1)}. {entry.title}
              </h2>
              {entry.prompt !== '' && <p>{entry.prompt}</p>}
              {entry.clusters.length > 0 ? (
                entry.clusters.map((cluster, j) => (
                  <div key={j}>
                    <h3>
                      {cluster.name}
                      {cluster.dots !== null && ` – ${t('workshop.cluster.dots', { count: cluster.dots })}`}
                    </h3>
                    <ul>
                      {cluster.cards.map((card, k) => (
                        <li key={k}>{card}</li>
                      ))}
                    </ul>
                  </div>
                ))
              ) : entry.cards.length > 0 ? (
                <>
                  <h3>{t('workshop.protocol.cards')}</h3>
                  <ul>
                    {entry.cards.map((card, k) => (
                      <li key={k}>{card}</li>
                    ))}
                  </ul>
                </>
              ) : null}
              {entry.vote && <p>{t('workshop.protocol.voters', { count: entry.vote.voters })}</p>}
              {entry.answers.length > 0 && (
                <>
                  <h3>{t('workshop.protocol.answers')}</h3>
                  <ul>
                    {entry.answers.map((answer, k) => (
                      <li key={k}>{answer}</li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          ))}
          {protocol.decisions.length > 0 && (
            <>
              <h2>{t('workshop.decisions')}</h2>
              <ul>
                {protocol.decisions.map((d, i) => (
                  <li key={i}>{d.itemTitle ? `${d.itemTitle}: ${d.text}` : d.text}</li>
                ))}
              </ul>
            </>
          )}
          {protocol.measures.length > 0 && (
            <>
              <h2>{t('workshop.measures')}</h2>
              <table>
                <thead>
                  <tr>
                    <th>{t('workshop.measure.what')}</th>
                    <th>{t('workshop.measure.who')}</th>
                    <th>{t('workshop.measure.withWhom')}</th>
                    <th>{t('workshop.measure.due')}</th>
                    <th>{t('workshop.measure.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {protocol.measures.map((m, i) => (
                    <tr key={i}>
                      <td>{m.what}</td>
                      <td>{m.who ?? '–'}</td>
                      <td>{m.withWhom || '–'}</td>
                      <td>{m.due === null ? '–' : date(m.due)}</td>
                      <td>{t(`workshop.measure.status.${m.status}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          {protocol.parkingLot.length > 0 && (
            <>
              <h2>{t('workshop.parking')}</h2>
              <ul>
                {protocol.parkingLot.map((p, i) => (
                  <li key={i}>
                    {p.text}
                    {p.status === 'done' && ` (${t('workshop.parking.done')})`}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}
