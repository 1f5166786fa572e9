/**
 * Every label, in the three languages side by side: [pt-BR, en, es]. A missing translation shows
 * here as a short row. pt-BR is the source: the help article's words, exactly, wherever it names a
 * label (*Solicitar backup*, *Baixar arquivo*, *Baixar backup*, the status labels).
 * One table instead of three files: each key is written once, which the size budget feels.
 */
type Column<T> = readonly [ptBR: T, en: T, es: T];
interface Table {
  [key: string]: Column<string> | Column<(n: number) => string> | Column<(s: string) => string> | Table;
}

/** `one` or `other` by the language's plural rules (Intl.PluralRules: pt and es count 0 differently from en). */
const pluralRules: Record<string, Intl.PluralRules> = {};
const plural = (locale: string, n: number, one: string, other: string): string =>
  (pluralRules[locale] ??= new Intl.PluralRules(locale)).select(n) === 'one' ? one : other;

const TABLE = {
  heading: ['Solicitação de backup', 'Backup request', 'Solicitud de backup'],
  request: ['Solicitar backup', 'Request backup', 'Solicitar backup'],
  confirmText: [
    'O time CLOUD vai preparar uma cópia da base de dados. Outra solicitação só será possível após 28 dias, ou após um erro de servidor.',
    'The CLOUD team will prepare a copy of the database. Another request is possible only after 28 days, or after a server error.',
    'El equipo CLOUD preparará una copia de la base de datos. Otra solicitud solo será posible pasados 28 días, o tras un error de servidor.',
  ],
  close: ['Fechar', 'Close', 'Cerrar'],
  refresh: ['Atualizar lista', 'Refresh list', 'Actualizar lista'],
  nextRequest: ['Próxima solicitação disponível em', 'Next request available on', 'Próxima solicitud disponible el'],
  requested: ['Backup solicitado.', 'Backup requested.', 'Backup solicitado.'],
  cooldown: [
    'Um backup já foi solicitado, em outra aba ou por outro administrador.',
    'A backup has already been requested, in another tab or by another administrator.',
    'Ya se solicitó un backup, en otra pestaña o por otro administrador.',
  ],
  status: {
    awaiting_release: ['Aguardando liberação', 'Awaiting release', 'Esperando liberación'],
    in_progress: ['Em progresso', 'In progress', 'En progreso'],
    ready: ['Pronto para baixar', 'Ready to download', 'Listo para descargar'],
    expired: ['Expirado', 'Expired', 'Expirado'],
    server_error: ['Erro de servidor', 'Server error', 'Error de servidor'],
    cancelled: ['Cancelado', 'Cancelled', 'Cancelado'],
    invalid: ['Valor inválido', 'Invalid value', 'Valor inválido'],
  },
  caption: ['Backups solicitados', 'Requested backups', 'Backups solicitados'],
  requestedAt: ['Solicitado em', 'Requested on', 'Solicitado el'],
  requestedBy: ['Solicitado por', 'Requested by', 'Solicitado por'],
  statusColumn: ['Situação', 'Status', 'Estado'],
  details: ['Detalhes', 'Details', 'Detalles'],
  actions: ['Ações', 'Actions', 'Acciones'],
  empty: [
    'Nenhum backup foi solicitado ainda.',
    'No backup has been requested yet.',
    'Aún no se ha solicitado ningún backup.',
  ],
  loading: ['Carregando backups…', 'Loading backups…', 'Cargando backups…'],
  loaded: [
    (n: number) => plural('pt-BR', n, `${n} backup na lista.`, `${n} backups na lista.`),
    (n: number) => plural('en', n, `${n} backup in the list.`, `${n} backups in the list.`),
    (n: number) => plural('es', n, `${n} backup en la lista.`, `${n} backups en la lista.`),
  ],
  size: ['Tamanho', 'Size', 'Tamaño'],
  availableUntil: ['Disponível até', 'Available until', 'Disponible hasta'],
  verify: ['Verificar SHA-256', 'Verify SHA-256', 'Verificar SHA-256'],
  download: ['Baixar arquivo', 'Download file', 'Descargar archivo'],
  downloadConfirm: ['Baixar backup', 'Download backup', 'Descargar backup'],
  defaultTerms: [
    'O arquivo contém todos os dados do ambiente. Ao baixá-lo, você responde por guardá-lo com segurança e descartá-lo conforme a política da sua organização. Os dados de acesso são pessoais.',
    'The file holds all of your environment’s data. By downloading it, you are responsible for storing it securely and disposing of it per your organization’s policy. The access data is personal.',
    'El archivo contiene todos los datos de su entorno. Al descargarlo, usted responde por guardarlo de forma segura y eliminarlo según la política de su organización. Los datos de acceso son personales.',
  ],
  accept: ['Li e aceito os termos de download', 'I accept the terms', 'Acepto los términos'],
  credentials: ['Dados de acesso SFTP', 'SFTP access data', 'Datos de acceso SFTP'],
  host: ['Host', 'Host', 'Host'],
  port: ['Porta', 'Port', 'Puerto'],
  username: ['Usuário', 'User', 'Usuario'],
  path: ['Caminho', 'Path', 'Ruta'],
  copy: ['Copiar', 'Copy', 'Copiar'],
  copied: ['Copiado', 'Copied', 'Copiado'],
  keySaved: [
    (name: string) => `Chave salva como ${name}.`,
    (name: string) => `Key saved as ${name}.`,
    (name: string) => `Clave guardada como ${name}.`,
  ],
  copyFailed: ['Não foi possível copiar.', 'Could not copy.', 'No se pudo copiar.'],
  saveKey: ['Salvar chave .pem', 'Save .pem key', 'Guardar clave .pem'],
  command: ['Comando sftp', 'sftp command', 'Comando sftp'],
  localFile: ['Arquivo local', 'Local file', 'Archivo local'],
  // Instead of the command, followed by the value's label (the GUI clients' note follows).
  unsafeCommand: ['Comando sftp omitido: valor inseguro em', 'sftp command omitted: unsafe value in', 'Comando sftp omitido: valor inseguro en'],
  chmod: [
    'No Linux ou macOS, antes de usar a chave:',
    'On Linux or macOS, before using the key:',
    'En Linux o macOS, antes de usar la clave:',
  ],
  guiClients: [
    'No FileZilla ou WinSCP: protocolo SFTP, os dados acima e o .pem como chave privada.',
    'In FileZilla or WinSCP: SFTP protocol, the data above and the .pem file as private key.',
    'En FileZilla o WinSCP: protocolo SFTP, los datos de arriba y el .pem como clave privada.',
  ],
  credentialsUntil: [
    'Os dados de acesso deixam de funcionar em',
    'This access data stops working on',
    'Estos datos de acceso dejan de funcionar el',
  ],
  credentialsWithBackup: [
    'Os dados de acesso valem enquanto o backup estiver disponível.',
    'This access data works while the backup is available.',
    'Estos datos de acceso valen mientras el backup esté disponible.',
  ],
  cancelRequest: ['Cancelar solicitação', 'Cancel request', 'Cancelar solicitud'],
  cancelText: [
    'O time CLOUD não vai preparar este backup, e você poderá solicitar outro.',
    'The CLOUD team will not prepare this backup, and you can request another.',
    'El equipo CLOUD no preparará este backup, y podrá solicitar otro.',
  ],
  cancelled: ['Solicitação cancelada.', 'Request cancelled.', 'Solicitud cancelada.'],
  waited: [(w: string) => `Solicitado ${w}`, (w: string) => `Requested ${w}`, (w: string) => `Solicitado ${w}`],
  estimated: ['Previsão:', 'Expected:', 'Previsión:'],
  fingerprint: ['Impressão digital', 'Fingerprint', 'Huella digital'],
  saveKnownHosts: ['Salvar known_hosts', 'Save known_hosts', 'Guardar known_hosts'],
  fileSaved: [(name: string) => `Salvo como ${name}.`, (name: string) => `Saved as ${name}.`, (name: string) => `Guardado como ${name}.`],
  compareFingerprint: [
    (fp: string) => `Na primeira conexão, a impressão digital do servidor deve ser ${fp}; se for outra, não conecte.`,
    (fp: string) => `On the first connection, the server’s fingerprint must be ${fp}; if it is another, do not connect.`,
    (fp: string) => `En la primera conexión, la huella digital del servidor debe ser ${fp}; si es otra, no se conecte.`,
  ],
  resume: [
    'Se o download parar, rode o comando de novo com -a após sftp (ou reget no prompt do sftp); no FileZilla, escolha Resume; o WinSCP continua sozinho.',
    'If the download stops, run the command again with -a after sftp (or reget at the sftp prompt); in FileZilla, choose Resume; WinSCP resumes on its own.',
    'Si la descarga se detiene, ejecute el comando de nuevo con -a tras sftp (o reget en el prompt de sftp); en FileZilla, elija Resume; WinSCP continúa solo.',
  ],
  remindExpiry: ['Lembrar antes de expirar', 'Remind me before it expires', 'Recordarme antes de que expire'],
  remindNextRequest: ['Lembrar quando puder solicitar', 'Remind me when I can request again', 'Recordarme cuando pueda solicitar'],
  expirySummary: ['Baixar o backup antes que expire', 'Download the backup before it expires', 'Descargar el backup antes de que expire'],
  expiryDescription: [
    (date: string) => `Disponível até ${date} em Configuração > Gerenciar conta (CM056) > Backup.`,
    (date: string) => `Available until ${date} in Configuration > Manage account (CM056) > Backup.`,
    (date: string) => `Disponible hasta el ${date} en Configuración > Gestionar cuenta (CM056) > Backup.`,
  ],
  nextRequestSummary: ['Já é possível solicitar um novo backup', 'A new backup can be requested', 'Ya se puede solicitar un nuevo backup'],
  nextRequestDescription: [
    (date: string) => `A partir de ${date} em Configuração > Gerenciar conta (CM056) > Backup.`,
    (date: string) => `From ${date} in Configuration > Manage account (CM056) > Backup.`,
    (date: string) => `A partir del ${date} en Configuración > Gestionar cuenta (CM056) > Backup.`,
  ],
  notifyOffer: ['Avisar quando ficar pronto', 'Notify me when it is ready', 'Avisarme cuando esté listo'],
  notifyOn: ['Você será avisado quando ficar pronto.', 'You will be notified when it is ready.', 'Se le avisará cuando esté listo.'],
  readyTitle: ['Backup pronto para baixar', 'Backup ready to download', 'Backup listo para descargar'],
  readyBody: [
    (date: string) => `Solicitado em ${date}.`,
    (date: string) => `Requested on ${date}.`,
    (date: string) => `Solicitado el ${date}.`,
  ],
  retry: ['Tentar novamente', 'Try again', 'Reintentar'],
  retryIn: [
    (s: number) => `Nova tentativa automática em ${s} s.`,
    (s: number) => `Trying again automatically in ${s} s.`,
    (s: number) => `Nuevo intento automático en ${s} s.`,
  ],
  staleList: [
    'Não foi possível atualizar a lista.',
    'The list could not be refreshed.',
    'No se pudo actualizar la lista.',
  ],
  errors: {
    unauthorized: [
      'Sua sessão expirou. Entre novamente.',
      'Your session has expired. Sign in again.',
      'Su sesión expiró. Inicie sesión de nuevo.',
    ],
    plan_not_eligible: [
      'Disponível apenas para clientes Enterprise e Regulated da nuvem SoftExpert.',
      'Available only to Enterprise and Regulated customers on the SoftExpert cloud.',
      'Disponible solo para clientes Enterprise y Regulated de la nube de SoftExpert.',
    ],
    forbidden: [
      'Você não tem a permissão Gerenciar conta (CM056).',
      'You lack the Manage account (CM056) permission.',
      'No tiene el permiso Gestionar cuenta (CM056).',
    ],
    cooldown: [
      'Ainda não é possível solicitar um novo backup.',
      'A new backup cannot be requested yet.',
      'Aún no se puede solicitar un nuevo backup.',
    ],
    not_ready: [
      'Este backup ainda não está pronto para baixar.',
      'This backup is not ready to download yet.',
      'Este backup aún no está listo para descargar.',
    ],
    expired: [
      'O prazo de download deste backup terminou.',
      'The download period of this backup has ended.',
      'El plazo de descarga de este backup terminó.',
    ],
    not_cancellable: [
      'Esta solicitação não pode mais ser cancelada: a equipe de nuvem já começou a prepará-la.',
      'This request can no longer be cancelled: the cloud team has already started on it.',
      'Esta solicitud ya no se puede cancelar: el equipo de la nube ya comenzó a prepararla.',
    ],
    rate_limited: [
      'Muitas solicitações em pouco tempo.',
      'Too many requests in a short time.',
      'Demasiadas solicitudes en poco tiempo.',
    ],
    server: ['O servidor encontrou um erro.', 'The server ran into an error.', 'El servidor encontró un error.'],
    network: [
      'Não foi possível conectar ao servidor.',
      'Could not reach the server.',
      'No se pudo conectar con el servidor.',
    ],
    timeout: [
      'O servidor demorou demais para responder.',
      'The server took too long to answer.',
      'El servidor tardó demasiado en responder.',
    ],
    invalid_response: [
      'O servidor enviou uma resposta inesperada.',
      'The server sent an unexpected answer.',
      'El servidor envió una respuesta inesperada.',
    ],
  },
} satisfies Table;

type Labels<T> = { [K in keyof T]: T[K] extends readonly (infer L)[] ? L : Labels<T[K]> };
/** The labels of one language. */
export type Strings = Labels<typeof TABLE>;

/** Column `index` of the table: `[a, b, c]` leaves become `a`, `b` or `c`, nested groups stay nested. */
const column = (node: object, index: number): never =>
  Object.fromEntries(Object.entries(node).map(([key, value]) => [key, Array.isArray(value) ? value[index] : column(value, index)])) as never;

export const LOCALES = { 'pt-BR': column(TABLE, 0) as Strings, en: column(TABLE, 1) as Strings, es: column(TABLE, 2) as Strings };
