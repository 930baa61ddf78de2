export { AttachmentsPanel, type AttachmentsPanelProps } from './AttachmentsPanel'
