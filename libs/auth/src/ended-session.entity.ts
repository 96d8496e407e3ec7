import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from './user.entity';

/** A session ended by logout: its tokens are refused until it would have expired anyway, then the row can go. */
@Entity({ name: 'ended_session' })
export class EndedSession {
  /** The session id (`sid` of its tokens). */
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'ended_session_user_fk' })
  user?: User;

  @Index('ended_session_expires_at')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
